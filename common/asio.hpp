// The one way this project includes Boost.Asio.
//
// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>,
// which breaks under libstdc++ 12 (chriskohlhoff/asio#944, fixed in 1.79).
// Never include <boost/asio...> directly; include this header.
#pragma once

#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace pantau {
namespace asio = boost::asio;
template <class T>
using awaitable = boost::asio::awaitable<T>;
using boost::asio::use_awaitable;
}  // namespace pantau
