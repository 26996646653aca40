#include "http/client_address.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

namespace binome::http {

namespace {

namespace ip = boost::asio::ip;

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Digits only, no sign or spaces (std::from_chars would take neither, but checks the end too).
std::optional<unsigned> parse_small_number(std::string_view s, std::size_t max_digits, unsigned max) {
  if (s.empty() || s.size() > max_digits) return std::nullopt;
  unsigned v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}

// An address without brackets or port. A scope id (fe80::1%eth0) is refused: its name is text.
std::optional<ip::address> parse_plain_address(std::string_view s) {
  if (s.empty() || s.find('%') != std::string_view::npos) return std::nullopt;
  boost::system::error_code ec;
  const ip::address a = ip::make_address(std::string(s), ec);
  if (ec) return std::nullopt;
  return a;
}

// ::ffff:10.0.0.1 is the IPv4 peer 10.0.0.1 seen by a socket listening on [::].
ip::address unmapped(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

ip::address masked(const ip::address& a, unsigned prefix) {
  if (a.is_v4()) {
    const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
    return ip::address_v4(a.to_v4().to_uint() & mask);
  }
  auto bytes = a.to_v6().to_bytes();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const std::size_t bit = i * 8;
    if (bit >= prefix) {
      bytes[i] = 0;
    } else if (prefix - bit < 8) {
      bytes[i] = static_cast<unsigned char>(bytes[i] & (0xffu << (8 - (prefix - bit))));
    }
  }
  return ip::address_v6(bytes);
}

// The `for=` values of a Forwarded header, one per element (RFC 7239: elements separated by
// commas, pairs by semicolons, values tokens or quoted strings in which , and ; are text).
// Nothing for an element that has no `for=` or cannot be read: it ends the walk.
std::vector<std::optional<std::string>> forwarded_for_values(std::string_view header) {
  std::vector<std::optional<std::string>> out;
  std::size_t i = 0;
  while (i <= header.size()) {
    bool broken = false;
    bool seen_any = false;
    std::optional<std::string> for_value;
    // One element: pairs until a comma outside quotes, or the end.
    while (true) {
      while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
      if (i >= header.size() || header[i] == ',') break;
      seen_any = true;
      const std::size_t name_start = i;
      while (i < header.size() && header[i] != '=' && header[i] != ';' && header[i] != ',') ++i;
      std::string name(trim_ows(header.substr(name_start, i - name_start)));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
      std::string value;
      if (i < header.size() && header[i] == '=') {
        ++i;
        if (i < header.size() && header[i] == '"') {
          ++i;
          bool closed = false;
          while (i < header.size()) {
            const char c = header[i++];
            if (c == '"') {
              closed = true;
              break;
            }
            if (c == '\\' && i < header.size()) {
              value += header[i++];
            } else {
              value += c;
            }
          }
          if (!closed) broken = true;
        } else {
          const std::size_t v_start = i;
          while (i < header.size() && header[i] != ';' && header[i] != ',') ++i;
          value = std::string(trim_ows(header.substr(v_start, i - v_start)));
        }
      } else {
        broken = true;  // a parameter without a value
      }
      if (name == "for") {
        if (for_value) broken = true;  // two for= in one element: which one?
        for_value = std::move(value);
      }
      while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
      if (i < header.size() && header[i] == ';') {
        ++i;
        continue;
      }
      if (i < header.size() && header[i] != ',') {
        broken = true;  // text after a quoted value: skip to the next element
        while (i < header.size() && header[i] != ',') ++i;
      }
      break;
    }
    if (seen_any) out.push_back(broken ? std::nullopt : std::move(for_value));
    if (i >= header.size()) break;
    ++i;  // the comma
  }
  return out;
}

std::vector<std::optional<std::string>> x_forwarded_for_values(std::string_view header) {
  std::vector<std::optional<std::string>> out;
  while (true) {
    const auto comma = header.find(',');
    const std::string_view item = trim_ows(header.substr(0, comma));
    if (!item.empty()) out.emplace_back(std::string(item));  // empty list elements count for nothing (RFC 9110 5.6.1)
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return out;
}

std::string joined_lines(const Request& req, std::string_view name) {
  std::string out;
  for (auto [it, end] = req.equal_range(name); it != end; ++it) {
    if (!out.empty()) out += ',';
    out += it->value();
  }
  return out;
}

}  // namespace

core::Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& values) {
  TrustedProxies out;
  for (const auto& value : values) {
    const auto refused = [&value] {
      return core::fail(core::ErrorCode::kInvalidParameter,
                        core::msg("operations.trusted_proxy_invalid", {core::quoted("value", value)}));
    };
    const std::string_view v(value);
    const auto slash = v.find('/');
    const auto address = parse_plain_address(v.substr(0, slash));
    if (!address) return refused();
    const unsigned bits = address->is_v4() ? 32 : 128;
    unsigned prefix = bits;
    if (slash != std::string_view::npos) {
      const auto p = parse_small_number(v.substr(slash + 1), 3, bits);
      if (!p) return refused();
      prefix = *p;
    }
    ip::address network = *address;
    // ::ffff:10.0.0.0/104 is 10.0.0.0/8: peers are compared unmapped.
    if (network.is_v6() && network.to_v6().is_v4_mapped() && prefix >= 96) {
      network = unmapped(network);
      prefix -= 96;
    }
    out.ranges_.push_back({masked(network, prefix), prefix});
  }
  return out;
}

bool TrustedProxies::contains(const ip::address& address) const {
  const ip::address a = unmapped(address);
  return std::any_of(ranges_.begin(), ranges_.end(), [&a](const Range& r) {
    return r.network.is_v4() == a.is_v4() && masked(a, r.prefix) == r.network;
  });
}

bool TrustedProxies::contains(std::string_view address) const {
  const auto a = parse_plain_address(address);
  return a && contains(*a);
}

std::optional<ip::address> parse_forwarded_address(std::string_view text) {
  std::string_view s = trim_ows(text);
  std::string_view host = s;
  std::string_view port;
  bool has_port = false;
  if (s.starts_with('[')) {
    const auto close = s.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = s.substr(1, close - 1);
    const std::string_view rest = s.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
      has_port = true;
    }
    if (host.find(':') == std::string_view::npos) return std::nullopt;  // [10.0.0.1] is no IPv6 address
  } else if (std::count(s.begin(), s.end(), ':') == 1) {
    const auto colon = s.find(':');
    host = s.substr(0, colon);
    port = s.substr(colon + 1);
    has_port = true;
  }
  if (has_port && !parse_small_number(port, 5, 65535)) return std::nullopt;
  const auto a = parse_plain_address(host);
  if (!a) return std::nullopt;
  if (has_port && !s.starts_with('[') && !a->is_v4()) return std::nullopt;
  return unmapped(*a);
}

std::string client_address(const TrustedProxies& proxies, std::string_view peer, std::string_view forwarded,
                           std::string_view x_forwarded_for) {
  if (proxies.empty() || !proxies.contains(peer)) return std::string(peer);
  const bool use_xff = !x_forwarded_for.empty() || forwarded.empty();
  const auto entries = use_xff ? x_forwarded_for_values(x_forwarded_for) : forwarded_for_values(forwarded);
  std::optional<ip::address> last_good;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    const auto a = *it ? parse_forwarded_address(**it) : std::nullopt;
    if (!a) break;
    last_good = a;
    if (!proxies.contains(*a)) break;
  }
  return last_good ? last_good->to_string() : std::string(peer);
}

std::string client_address(const TrustedProxies& proxies, std::string_view peer, const Request& req) {
  if (proxies.empty() || !proxies.contains(peer)) return std::string(peer);
  return client_address(proxies, peer, joined_lines(req, "Forwarded"), joined_lines(req, "X-Forwarded-For"));
}

}  // namespace binome::http
