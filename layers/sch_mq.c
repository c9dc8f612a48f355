/* layers/sch_mq.c: being split out (in progress) */
