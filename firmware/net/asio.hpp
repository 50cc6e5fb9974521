#pragma once
// The one way into Boost.Asio for this project. Boost 1.74's awaitable.hpp uses std::exchange
// without including <utility>, which GCC 12 in C++20 mode does not pull in by itself.
#include <utility>

#include <boost/asio.hpp>

namespace hj212gw::net {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;
} // namespace hj212gw::net
