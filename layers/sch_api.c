/* layers/sch_api.c: being split out (in progress) */
