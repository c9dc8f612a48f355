/* layers/fib_frontend.c: being split out (in progress) */
