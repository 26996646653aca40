// The client behind a reverse proxy: --trusted-proxy values, the addresses forwarding headers
// write, and the right-to-left walk that gives the client for logs, the login throttle and the
// audit log (a header is believed only from a trusted proxy, and only as far as trusted proxies go).
#include "http/client_address.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/messages.hpp"

namespace binome::http {
namespace {

TrustedProxies proxies(const std::vector<std::string>& values) {
  auto p = TrustedProxies::parse(values);
  EXPECT_TRUE(p.has_value()) << (p ? "" : core::render(p.error().sentence(), core::Language::kEnglish));
  return p ? *p : TrustedProxies{};
}

bool has(const TrustedProxies& p, const std::string& address) { return p.contains(address); }

TEST(TrustedProxies, AddressesAndRangesOfBothFamilies) {
  const auto p = proxies({"10.0.0.0/8", "192.0.2.1", "fd00::/8", "::1"});
  EXPECT_TRUE(has(p, "10.0.0.0"));
  EXPECT_TRUE(has(p, "10.255.255.255"));
  EXPECT_FALSE(has(p, "11.0.0.0"));
  EXPECT_FALSE(has(p, "9.255.255.255"));
  EXPECT_TRUE(has(p, "192.0.2.1"));
  EXPECT_FALSE(has(p, "192.0.2.2"));
  EXPECT_TRUE(has(p, "fd12:3456::1"));
  EXPECT_FALSE(has(p, "fe80::1"));
  EXPECT_TRUE(has(p, "::1"));
  EXPECT_FALSE(has(p, "::2"));
  EXPECT_FALSE(has(p, "unknown"));  // what the server writes when it cannot read the peer
  EXPECT_FALSE(has(p, ""));
}

TEST(TrustedProxies, PrefixesOfOddLengthsAndTheExtremes) {
  const auto p = proxies({"172.16.0.0/12", "2001:db8:8000::/33"});
  EXPECT_TRUE(has(p, "172.31.255.255"));
  EXPECT_FALSE(has(p, "172.32.0.0"));
  EXPECT_TRUE(has(p, "2001:db8:ffff::1"));
  EXPECT_FALSE(has(p, "2001:db8:7fff::1"));
  EXPECT_TRUE(has(proxies({"0.0.0.0/0"}), "203.0.113.7"));
  EXPECT_FALSE(has(proxies({"0.0.0.0/0"}), "2001:db8::1"));  // an IPv4 range holds no IPv6 address
  EXPECT_TRUE(has(proxies({"::/0"}), "2001:db8::1"));
  EXPECT_TRUE(has(proxies({"203.0.113.7/32"}), "203.0.113.7"));
  EXPECT_FALSE(has(proxies({"203.0.113.7/32"}), "203.0.113.6"));
}

TEST(TrustedProxies, BitsBelowThePrefixAreIgnored) {
  const auto p = proxies({"10.1.2.3/8"});
  EXPECT_TRUE(has(p, "10.200.0.1"));
}

TEST(TrustedProxies, IPv4RangesMatchIPv4MappedPeers) {
  // A server listening on [::] sees 10.0.0.2 as ::ffff:10.0.0.2.
  EXPECT_TRUE(has(proxies({"10.0.0.0/8"}), "::ffff:10.0.0.2"));
  EXPECT_TRUE(has(proxies({"::ffff:10.0.0.0/104"}), "10.0.0.2"));
  EXPECT_FALSE(has(proxies({"10.0.0.0/8"}), "::ffff:11.0.0.2"));
}

TEST(TrustedProxies, InvalidValuesAreRefusedNamingTheOptionAndTheValue) {
  for (const std::string bad : {"", "localhost", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1",
                                "10.0.0.0/+8", "10.0.0.0/ 8", " 10.0.0.1", "10.0.0.1:80", "[::1]", "10.0.0",
                                "10.0.0.256", "fe80::1%eth0", "10.0.0.0/8/8", "::1/0x10"}) {
    SCOPED_TRACE(bad);
    const auto p = TrustedProxies::parse({"192.0.2.1", bad});
    ASSERT_FALSE(p.has_value());
    EXPECT_EQ(p.error().code, core::ErrorCode::kInvalidParameter);
    const std::string en = core::render(p.error().sentence(), core::Language::kEnglish);
    EXPECT_NE(en.find("--trusted-proxy"), std::string::npos) << en;
    EXPECT_NE(en.find("'" + bad + "'"), std::string::npos) << en;
    const std::string fr = core::render(p.error().sentence(), core::Language::kFrench);
    EXPECT_NE(fr.find("plage CIDR"), std::string::npos) << fr;
  }
}

TEST(ForwardedAddress, WithOrWithoutPortAndBrackets) {
  const auto text = [](std::string_view s) {
    const auto a = parse_forwarded_address(s);
    return a ? a->to_string() : std::string("(none)");
  };
  EXPECT_EQ(text("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(text(" 203.0.113.7\t"), "203.0.113.7");
  EXPECT_EQ(text("203.0.113.7:4711"), "203.0.113.7");
  EXPECT_EQ(text("2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(text("[2001:db8::1]"), "2001:db8::1");
  EXPECT_EQ(text("[2001:db8::1]:4711"), "2001:db8::1");
  EXPECT_EQ(text("2001:DB8:0:0::1"), "2001:db8::1");  // written canonically
  EXPECT_EQ(text("::ffff:203.0.113.7"), "203.0.113.7");
  for (const char* bad : {"", "unknown", "_hidden", "example.org", "203.0.113.7:", "203.0.113.7:65536",
                          "203.0.113.7:_port", "[203.0.113.7]", "[2001:db8::1", "[2001:db8::1]x", "2001:db8::1:4711x",
                          "[fe80::1%25eth0]", "203.0.113.7 evil", "\"203.0.113.7\"", "1.2.3.4\n{\"log\":1}"}) {
    EXPECT_EQ(text(bad), "(none)") << bad;
  }
}

// The examples: the server (peer 10.0.0.2) is behind one or two proxies of 10.0.0.0/8.
class ClientAddress : public ::testing::Test {
 protected:
  TrustedProxies trusted = proxies({"10.0.0.0/8", "2001:db8:ffff::/48"});
  std::string xff(std::string_view peer, std::string_view header) const {
    return client_address(trusted, peer, "", header);
  }
  std::string fwd(std::string_view peer, std::string_view header) const {
    return client_address(trusted, peer, header, "");
  }
};

TEST_F(ClientAddress, AnUntrustedPeerIsTheClientWhateverItsHeadersSay) {
  EXPECT_EQ(xff("198.51.100.9", "203.0.113.7"), "198.51.100.9");
  EXPECT_EQ(fwd("198.51.100.9", "for=203.0.113.7"), "198.51.100.9");
  EXPECT_EQ(client_address(TrustedProxies{}, "10.0.0.2", "for=203.0.113.7", "203.0.113.7"), "10.0.0.2");
  EXPECT_EQ(xff("unknown", "203.0.113.7"), "unknown");
}

TEST_F(ClientAddress, ATrustedPeerWithoutHeaderIsItself) {
  EXPECT_EQ(xff("10.0.0.2", ""), "10.0.0.2");
  EXPECT_EQ(xff("10.0.0.2", " , ,"), "10.0.0.2");
}

TEST_F(ClientAddress, TheRightMostUntrustedEntryIsTheClient) {
  EXPECT_EQ(xff("10.0.0.2", "203.0.113.7"), "203.0.113.7");
  // Two proxies: the client's, then ours.
  EXPECT_EQ(xff("10.0.0.2", "203.0.113.7, 10.0.0.3"), "203.0.113.7");
  EXPECT_EQ(xff("10.0.0.2", "203.0.113.7,10.0.0.3,10.1.0.1"), "203.0.113.7");
  EXPECT_EQ(xff("10.0.0.2", "203.0.113.7:51000"), "203.0.113.7");
  EXPECT_EQ(xff("10.0.0.2", "2001:db8::7"), "2001:db8::7");
  EXPECT_EQ(xff("2001:db8:ffff::2", "[2001:db8::7]:4711, 2001:db8:ffff::3"), "2001:db8::7");
  EXPECT_EQ(xff("::ffff:10.0.0.2", "203.0.113.7"), "203.0.113.7");
}

TEST_F(ClientAddress, WhatTheClientWroteOnTheLeftIsNotBelieved) {
  // nginx's $proxy_add_x_forwarded_for appends the address it saw to what the client sent.
  EXPECT_EQ(xff("10.0.0.2", "192.0.2.66, 203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(xff("10.0.0.2", "10.9.9.9, 203.0.113.7"), "203.0.113.7");  // even a trusted-looking one
  EXPECT_EQ(fwd("10.0.0.2", "for=192.0.2.66, for=203.0.113.7"), "203.0.113.7");
}

TEST_F(ClientAddress, WhenEveryEntryIsTrustedTheLeftMostIs) {
  EXPECT_EQ(xff("10.0.0.2", "10.0.0.5, 10.0.0.3"), "10.0.0.5");
  EXPECT_EQ(xff("10.0.0.2", "::ffff:10.0.0.5"), "10.0.0.5");
}

TEST_F(ClientAddress, AnEntryThatIsNoAddressEndsTheWalkAtTheLastGoodOne) {
  EXPECT_EQ(xff("10.0.0.2", "<script>"), "10.0.0.2");
  EXPECT_EQ(xff("10.0.0.2", "203.0.113.7, unknown"), "10.0.0.2");
  EXPECT_EQ(xff("10.0.0.2", "203.0.113.7, garbage, 10.0.0.3"), "10.0.0.3");
  EXPECT_EQ(xff("10.0.0.2", "garbage, 203.0.113.7, 10.0.0.3"), "203.0.113.7");
  EXPECT_EQ(xff("10.0.0.2", "203.0.113.7 10.0.0.3"), "10.0.0.2");
  EXPECT_EQ(xff("10.0.0.2", "\"}, \"user\": \"admin"), "10.0.0.2");
  EXPECT_EQ(xff("10.0.0.2", std::string(20000, 'x')), "10.0.0.2");
}

TEST_F(ClientAddress, EmptyListElementsCountForNothing) {
  EXPECT_EQ(xff("10.0.0.2", "203.0.113.7, , 10.0.0.3,"), "203.0.113.7");
}

TEST_F(ClientAddress, ForwardedForParameters) {
  EXPECT_EQ(fwd("10.0.0.2", "for=203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(fwd("10.0.0.2", "For=203.0.113.7;proto=https;by=10.0.0.2"), "203.0.113.7");
  EXPECT_EQ(fwd("10.0.0.2", "proto=https; for=203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(fwd("10.0.0.2", "for=\"203.0.113.7:4711\""), "203.0.113.7");
  EXPECT_EQ(fwd("10.0.0.2", "for=\"[2001:db8::1]:4711\""), "2001:db8::1");
  EXPECT_EQ(fwd("10.0.0.2", "for=\"[2001:db8::1]\";proto=https, for=10.0.0.3"), "2001:db8::1");
  EXPECT_EQ(fwd("10.0.0.2", "for=\"\\[2001:db8::1\\]\""), "2001:db8::1");  // quoted-pair escapes
  // A comma or semicolon inside a quoted value is text, not a separator.
  EXPECT_EQ(fwd("10.0.0.2", "for=203.0.113.7;ext=\"a,b;c\", for=10.0.0.3"), "203.0.113.7");
}

TEST_F(ClientAddress, ObfuscatedOrUnknownForwardedNodesEndTheWalk) {
  EXPECT_EQ(fwd("10.0.0.2", "for=_hidden"), "10.0.0.2");
  EXPECT_EQ(fwd("10.0.0.2", "for=unknown"), "10.0.0.2");
  EXPECT_EQ(fwd("10.0.0.2", "for=203.0.113.7, for=_hidden, for=10.0.0.3"), "10.0.0.3");
  EXPECT_EQ(fwd("10.0.0.2", "for=203.0.113.7, proto=https"), "10.0.0.2");  // a hop that names no client
  EXPECT_EQ(fwd("10.0.0.2", "for=\"203.0.113.7"), "10.0.0.2");            // unterminated quote
  EXPECT_EQ(fwd("10.0.0.2", "for=\"203.0.113.7\"junk"), "10.0.0.2");
  EXPECT_EQ(fwd("10.0.0.2", "for"), "10.0.0.2");
  EXPECT_EQ(fwd("10.0.0.2", "for=203.0.113.7;for=198.51.100.9"), "10.0.0.2");  // which one?
  EXPECT_EQ(fwd("10.0.0.2", "for=[2001:db8::1]:4711"), "2001:db8::1");  // unquoted: lenient, still an address
}

TEST_F(ClientAddress, XForwardedForWinsOverForwarded) {
  // Behind nginx, which writes X-Forwarded-For, a client's own Forwarded passes through untouched.
  EXPECT_EQ(client_address(trusted, "10.0.0.2", "for=192.0.2.66", "203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(client_address(trusted, "10.0.0.2", "for=203.0.113.7", ""), "203.0.113.7");
}

TEST_F(ClientAddress, SeveralHeaderLinesAreOneListInOrder) {
  Request req{beast_http::verb::get, "/", 11};
  req.insert("X-Forwarded-For", "192.0.2.66");
  req.insert("X-Forwarded-For", "203.0.113.7, 10.0.0.3");
  EXPECT_EQ(client_address(trusted, "10.0.0.2", req), "203.0.113.7");
  Request two_proxies{beast_http::verb::get, "/", 11};
  two_proxies.insert("X-Forwarded-For", "203.0.113.7");
  two_proxies.insert("X-Forwarded-For", "10.0.0.3, 10.0.0.4");
  EXPECT_EQ(client_address(trusted, "10.0.0.2", two_proxies), "203.0.113.7");
  Request fwd_req{beast_http::verb::get, "/", 11};
  fwd_req.insert("Forwarded", "for=192.0.2.66");
  fwd_req.insert("forwarded", "for=\"[2001:db8::1]:4711\"");
  EXPECT_EQ(client_address(trusted, "10.0.0.2", fwd_req), "2001:db8::1");
  EXPECT_EQ(client_address(trusted, "198.51.100.9", fwd_req), "198.51.100.9");
}

}  // namespace
}  // namespace binome::http
