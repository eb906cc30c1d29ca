#include "http/client_address.hpp"

#include <algorithm>

#include <boost/asio/ip/address.hpp>

namespace tl::http {
namespace {

namespace ip = boost::asio::ip;

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

// An IPv4-mapped IPv6 peer (::ffff:10.0.0.1, from a dual-stack socket) is the IPv4 address.
ip::address Normalised(const ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped()) {
        return ip::make_address_v4(ip::v4_mapped, a.to_v6());
    }
    return a;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(std::string_view list) {
    TrustedProxies out;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const std::string entry(Trim(list.substr(0, comma)));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (entry.empty()) {
            continue;
        }
        boost::system::error_code ec;
        const bool cidr = entry.find('/') != std::string::npos;
        if (entry.find(':') == std::string::npos) {
            auto net = cidr ? ip::make_network_v4(entry, ec)
                            : ip::network_v4(ip::make_address_v4(entry, ec), 32);
            if (!ec) {
                out.v4_.push_back(net.canonical());
                continue;
            }
        } else {
            auto net = cidr ? ip::make_network_v6(entry, ec)
                            : ip::network_v6(ip::make_address_v6(entry, ec), 128);
            if (!ec) {
                out.v6_.push_back(net.canonical());
                continue;
            }
        }
        return Fail(ValidationFailed(
            {{"trusted-proxies", "\"" + entry + "\" is not an IP address or CIDR network"}}));
    }
    return out;
}

bool TrustedProxies::Trusts(std::string_view address) const {
    boost::system::error_code ec;
    const ip::address parsed = ip::make_address(std::string(Trim(address)), ec);
    if (ec) {
        return false;
    }
    const ip::address a = Normalised(parsed);
    // `a` is in `net` when the network of `a` at net's prefix length is `net` itself.
    if (a.is_v4()) {
        return std::any_of(v4_.begin(), v4_.end(), [&](const ip::network_v4& net) {
            return ip::network_v4(a.to_v4(), net.prefix_length()).canonical() == net;
        });
    }
    return std::any_of(v6_.begin(), v6_.end(), [&](const ip::network_v6& net) {
        return ip::network_v6(a.to_v6(), net.prefix_length()).canonical() == net;
    });
}

std::string TrustedProxies::ClientAddress(
    const std::string& peer,
    const std::vector<std::pair<std::string, std::string>>& headers) const {
    if (empty() || !Trusts(peer)) {
        return peer;
    }
    // Several X-Forwarded-For headers read as one list, in order.
    std::string joined;
    for (const auto& [name, value] : headers) {
        if (name == "x-forwarded-for") {
            joined += (joined.empty() ? "" : ", ") + value;
        }
    }
    std::string_view forwarded_for = joined;
    // Right to left: each trusted hop vouches for the one before it; the first hop we do not
    // trust is the client (anything further left may be forged by it).
    std::string client = peer;
    while (!forwarded_for.empty()) {
        const auto comma = forwarded_for.rfind(',');
        const std::string_view entry =
            Trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        forwarded_for =
            comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
        boost::system::error_code ec;
        const ip::address a = ip::make_address(std::string(entry), ec);
        if (ec) {
            break;  // garbage: stop at the last address a trusted proxy vouched for
        }
        client = Normalised(a).to_string();
        if (!Trusts(client)) {
            break;
        }
    }
    return client;
}

}  // namespace tl::http
