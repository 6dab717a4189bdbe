#ifndef XORBACKPROP_CDEFLATE_SHIM_H
#define XORBACKPROP_CDEFLATE_SHIM_H

#include <libdeflate.h>

#endif
