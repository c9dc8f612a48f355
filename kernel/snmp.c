/*
 * kernel/snmp.c - the names of the counters listed in kernel/snmp.h.
 */
#include "kernel/snmp.h"

const char *const snmp_counter_name[SNMP_MIB_MAX] = {
#define SNMP_NAME(name, label, origin) #name,
	SNMP_COUNTERS(SNMP_NAME)
#undef SNMP_NAME
};

const char *const snmp_counter_label[SNMP_MIB_MAX] = {
#define SNMP_LABEL(name, label, origin) label,
	SNMP_COUNTERS(SNMP_LABEL)
#undef SNMP_LABEL
};

const enum snmp_origin snmp_counter_origin[SNMP_MIB_MAX] = {
#define SNMP_ORIGIN(name, label, origin) origin,
	SNMP_COUNTERS(SNMP_ORIGIN)
#undef SNMP_ORIGIN
};
