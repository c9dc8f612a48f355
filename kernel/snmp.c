/*
 * kernel/snmp.c - the names of the counters listed in kernel/snmp.h.
 */
#include "kernel/snmp.h"

const char *const sim_snmp_counter_name[SNMP_MIB_MAX] = {
#define SIM_SNMP_NAME(name, label, origin) #name,
	SIM_SNMP_COUNTERS(SIM_SNMP_NAME)
#undef SIM_SNMP_NAME
};

const char *const sim_snmp_counter_label[SNMP_MIB_MAX] = {
#define SIM_SNMP_LABEL(name, label, origin) label,
	SIM_SNMP_COUNTERS(SIM_SNMP_LABEL)
#undef SIM_SNMP_LABEL
};

const enum sim_snmp_origin sim_snmp_counter_origin[SNMP_MIB_MAX] = {
#define SIM_SNMP_ORIGIN(name, label, origin) origin,
	SIM_SNMP_COUNTERS(SIM_SNMP_ORIGIN)
#undef SIM_SNMP_ORIGIN
};
