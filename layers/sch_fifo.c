/* layers/sch_fifo.c: being split out (in progress) */
