#pragma once
// The Boost.Process v2 headers the runner uses, in an order that compiles on Boost 1.81.

// With BOOST_PROCESS_USE_STD_FS, Boost 1.81's v2 headers still name boost::optional and
// Boost.TypeTraits unqualified without including them (they come via Boost.Filesystem otherwise).
#include <boost/optional.hpp>
#include <boost/type_traits.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/process/v2/environment.hpp>
#include <boost/process/v2/posix/default_launcher.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/stdio.hpp>
