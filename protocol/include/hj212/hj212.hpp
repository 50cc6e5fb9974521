#pragma once
// The HJ 212 protocol library: sans-I/O (bytes in, events and bytes out, time passed in).
#include "hj212/codes.hpp"
#include "hj212/crc.hpp"
#include "hj212/datetime.hpp"
#include "hj212/deframer.hpp"
#include "hj212/encoder.hpp"
#include "hj212/packet.hpp"
#include "hj212/parser.hpp"
#include "hj212/reassembler.hpp"
#include "hj212/replies.hpp"
#include "hj212/result.hpp"
#include "hj212/version.hpp"
