// Who the client is behind a reverse proxy: the trusted proxies (`binome serve --trusted-proxy`)
// and the address their X-Forwarded-For or Forwarded (RFC 7239) header gives, for the access
// log, the login throttle and the audit log. A header is believed only when the TCP peer is a
// trusted proxy, and only as far as the chain of trusted proxies goes: anyone can write the
// left of the list.
//
//   auto proxies = TrustedProxies::parse({"10.0.0.0/8", "::1"});   // or an Error to show
//   client_address(*proxies, "10.0.0.2", "", "198.51.100.9, 10.0.0.3")  // "198.51.100.9"
#pragma once

#include <boost/asio/ip/address.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/server.hpp"

namespace binome::http {

// A set of addresses and CIDR ranges. IPv4 ranges also match IPv4-mapped IPv6 addresses
// (::ffff:10.0.0.1), as a server listening on [::] sees IPv4 peers.
class TrustedProxies {
 public:
  // Each value: an IPv4 or IPv6 address (10.0.0.2, ::1) or a range (10.0.0.0/8, fd00::/8; bits
  // below the prefix are ignored: 10.1.2.3/8 is 10.0.0.0/8). The first invalid value is refused
  // (invalid_parameter, its sentence naming --trusted-proxy and the value).
  static core::Result<TrustedProxies> parse(const std::vector<std::string>& values);

  bool contains(const boost::asio::ip::address& address) const;
  // The same for an address as text ("unknown" or anything else that is not one: false).
  bool contains(std::string_view address) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    boost::asio::ip::address network;  // its low bits already zero
    unsigned prefix;                    // 0..32 (IPv4) or 0..128 (IPv6)
  };
  std::vector<Range> ranges_;
};

// One address as a forwarding header writes it: IPv4 (with an optional :port), IPv6 bare or in
// brackets (with an optional :port), surrounding spaces ignored. Nothing for anything else
// (`unknown`, `_hidden`, a host name, a scope id, text).
std::optional<boost::asio::ip::address> parse_forwarded_address(std::string_view text);

// The client's address. `peer` is the TCP peer as the server wrote it; when it is not a trusted
// proxy, it is the answer and the headers are ignored. Otherwise the list of one header is walked
// from the right: X-Forwarded-For when the request has one (every proxy in common use writes it;
// nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`), else Forwarded's `for=`
// parameters. Preferring one header is what keeps the other from being forged: a proxy that
// appends to one passes the other from the client untouched. Several lines of one header are one
// list, in order (the caller joins them with ","). The walk skips the entries that are trusted
// proxies; the first that is not is the client; when all are, the left-most. An entry that is no
// address (`unknown`, `_hidden`, text, a `Forwarded` element without `for=`) ends the walk at the
// last address read (the peer if none), so the answer is always an address the server saw or
// parsed, written canonically (IPv4-mapped addresses as IPv4), never text from the header.
std::string client_address(const TrustedProxies& proxies, std::string_view peer, std::string_view forwarded,
                           std::string_view x_forwarded_for);
// The same, reading the request's Forwarded and X-Forwarded-For lines.
std::string client_address(const TrustedProxies& proxies, std::string_view peer, const Request& req);

}  // namespace binome::http
