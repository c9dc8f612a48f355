/* layers/fib_trie.c: being split out (in progress) */
