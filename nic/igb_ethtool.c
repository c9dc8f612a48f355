/* nic/igb_ethtool.c: being split out (in progress) */
