// ClientAddress: who a request really comes from when load balancers or reverse proxies sit in
// front of the server. Only proxies named in --trusted-proxies are believed: for a request
// from one of them, the client is the right-most X-Forwarded-For entry that is not itself a
// trusted proxy. A request from anyone else is taken at its peer address, whatever it claims.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include "domain/result.hpp"

namespace tl::http {

class TrustedProxies {
public:
    // A comma-separated list of addresses and CIDR networks ("10.0.0.0/8, 127.0.0.1, ::1").
    // An empty list trusts nobody. kValidationFailed names the entry that is not one.
    static Result<TrustedProxies> Parse(std::string_view list);

    bool Trusts(std::string_view address) const;

    // The client's address for a request from `peer` with these headers (lower-case names).
    std::string ClientAddress(
        const std::string& peer,
        const std::vector<std::pair<std::string, std::string>>& headers) const;

    bool empty() const { return v4_.empty() && v6_.empty(); }

private:
    std::vector<boost::asio::ip::network_v4> v4_;
    std::vector<boost::asio::ip::network_v6> v6_;
};

}  // namespace tl::http
