// What a client command of the command line needs around ApiClient: the connection flags,
// text helpers for tables (UTF-8 widths, cutting to the terminal), reading fields of the
// server's JSON, and a Session that sends requests and turns failures into exit codes.
// Header-only; not thread-safe (one command per process).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/api_client.hpp"
#include "cli/flags.hpp"

namespace tl::cli::client {

struct ConnectionFlags {
    std::string url;
    std::string token;
    bool json = false;
};

inline void AddConnectionFlags(CLI::App& cmd, ConnectionFlags& flags) {
    Flag(cmd, "url", flags.url, "The server, http://host:port");
    Flag(cmd, "token", flags.token, "An API token (throughline token create) or session token");
    Switch(cmd, "json", flags.json, "Print the server's JSON instead of text");
}

// ---- text ----

// Percent-encodes `s` for a path segment or a query value.
inline std::string Encode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

inline bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Characters (UTF-8 code points) in `s`.
inline std::size_t Width(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return !IsContinuation(c); }));
}

// `s` cut to at most `width` characters, never inside a character; "…" marks a cut.
inline std::string Cut(std::string_view s, std::size_t width) {
    if (Width(s) <= width) {
        return std::string(s);
    }
    if (width == 0) {
        return {};
    }
    std::size_t chars = 0;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        if (!IsContinuation(s[i]) && chars++ == width - 1) {
            break;
        }
    }
    return std::string(s.substr(0, i)) + "…";
}

inline std::string Pad(std::string_view s, std::size_t width) {
    std::string out(s);
    const std::size_t w = Width(s);
    if (w < width) {
        out.append(width - w, ' ');
    }
    return out;
}

// Control characters as spaces, so a row stays one line.
inline std::string OneLine(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            c = ' ';
        }
    }
    return out;
}

// How wide the last column may be after `used` characters of the others: the terminal's
// width, or 60 characters when stdout is not a terminal.
inline std::size_t LastColumnWidth(std::size_t used) {
    winsize ws{};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        const std::size_t columns = ws.ws_col;
        return columns > used + 10 ? columns - used : 10;
    }
    return 60;
}

// Rows under a header, each column as wide as its widest cell; the last column is cut to the
// terminal's width.
inline void PrintTable(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& h : header) {
        widths.push_back(Width(h));
    }
    for (const auto& row : rows) {
        for (std::size_t c = 0; c + 1 < row.size() && c < widths.size(); ++c) {
            widths[c] = std::max(widths[c], Width(row[c]));
        }
    }
    std::size_t used = 0;
    for (std::size_t c = 0; c + 1 < widths.size(); ++c) {
        used += widths[c] + 2;
    }
    const std::size_t last = LastColumnWidth(used);
    auto print = [&](const std::vector<std::string>& cells) {
        std::string line;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c + 1 < cells.size()) {
                line += Pad(cells[c], widths[c]) + "  ";
            } else {
                line += Cut(OneLine(cells[c]), last);
            }
        }
        std::cout << line << "\n";
    };
    print(header);
    for (const auto& row : rows) {
        print(row);
    }
}

// ---- JSON ----

inline std::string Str(const boost::json::value& v, std::string_view key) {
    const auto* o = v.if_object();
    const auto* f = o != nullptr ? o->if_contains(key) : nullptr;
    return f != nullptr && f->is_string() ? std::string(f->as_string()) : std::string();
}

inline const boost::json::value& Field(const boost::json::value& v, std::string_view key) {
    static const boost::json::value kNull;
    const auto* o = v.if_object();
    const auto* f = o != nullptr ? o->if_contains(key) : nullptr;
    return f != nullptr ? *f : kNull;
}

inline const boost::json::array& Array(const boost::json::value& v, std::string_view key) {
    static const boost::json::array kEmpty;
    const auto* a = Field(v, key).if_array();
    return a != nullptr ? *a : kEmpty;
}

// A number as people write it: 5, 0.5; "" for null.
inline std::string Number(const boost::json::value& v) {
    if (v.is_int64()) {
        return std::to_string(v.as_int64());
    }
    if (v.is_uint64()) {
        return std::to_string(v.as_uint64());
    }
    if (v.is_double()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v.as_double());
        return buf;
    }
    return {};
}

inline void PrintJson(const ApiReply& reply) {
    std::cout << reply.body << (reply.body.ends_with('\n') ? "" : "\n");
}

// ---- the API ----

// Runs one command against the server: opens the client, reports failures with the right
// exit code in `exit_code`.
class Session {
public:
    explicit Session(const ConnectionFlags& flags) : flags_(flags) {}

    // False (with the exit code in `exit_code`) when the URL is unusable.
    bool Open() {
        auto client = ApiClient::Open(flags_.url, flags_.token);
        if (!client) {
            exit_code = ReportClientError(client.error());
            return false;
        }
        client_.emplace(std::move(*client));
        return true;
    }

    using Headers = std::vector<std::pair<std::string, std::string>>;

    // Any answer of the server; nullopt (reported) when it cannot be reached.
    std::optional<ApiReply> Raw(std::string_view method,
                                const std::string& path,
                                const boost::json::value& body = nullptr,
                                const Headers& headers = {}) {
        auto reply = client_->Send(method, path, body, headers);
        if (!reply) {
            exit_code = ReportClientError(reply.error());
            return std::nullopt;
        }
        return std::move(*reply);
    }

    // A 2xx reply; otherwise the failure is printed (an invalid_query one with `query` and a
    // caret under the error's position) and `exit_code` says how the command ends.
    std::optional<ApiReply> Call(std::string_view method,
                                 const std::string& path,
                                 const boost::json::value& body = nullptr,
                                 std::string_view query = {},
                                 const Headers& headers = {}) {
        auto reply = Raw(method, path, body, headers);
        if (!reply) {
            return std::nullopt;
        }
        if (!reply->Ok()) {
            PrintServerError(*reply, query);
            exit_code = kExitRefused;
            return std::nullopt;
        }
        return reply;
    }

    // Every product the user may see ({id, key, name} objects); nullopt when refused.
    std::optional<boost::json::array> Products() {
        boost::json::array out;
        std::string cursor;
        for (;;) {
            std::string path = "/api/v1/products?limit=200";
            if (!cursor.empty()) {
                path += "&cursor=" + Encode(cursor);
            }
            auto reply = Call("GET", path);
            if (!reply) {
                return std::nullopt;
            }
            for (const auto& p : Array(reply->json, "data")) {
                out.push_back(p);
            }
            cursor = Str(reply->json, "next_cursor");
            if (cursor.empty()) {
                return out;
            }
        }
    }

    // The product named by key (any case) or id; nullopt (reported) when none.
    std::optional<boost::json::value> Product(const std::string& key_or_id) {
        auto products = Products();
        if (!products) {
            return std::nullopt;
        }
        for (const auto& p : *products) {
            const std::string key = Str(p, "key");
            if (Str(p, "id") == key_or_id ||
                std::equal(
                    key.begin(), key.end(), key_or_id.begin(), key_or_id.end(), [](char a, char b) {
                        return std::toupper(static_cast<unsigned char>(a)) ==
                               std::toupper(static_cast<unsigned char>(b));
                    })) {
                return p;
            }
        }
        std::cerr << "throughline: no product with the key or id \"" << key_or_id
                  << "\" that you can see\n";
        exit_code = kExitRefused;
        return std::nullopt;
    }

    // The id of the product named by key (any case) or id; nullopt (reported) when none.
    std::optional<std::string> ProductId(const std::string& key_or_id) {
        auto product = Product(key_or_id);
        if (!product) {
            return std::nullopt;
        }
        return Str(*product, "id");
    }

    bool JsonOut() const { return flags_.json; }

    int exit_code = kExitOk;

private:
    const ConnectionFlags& flags_;
    std::optional<ApiClient> client_;
};

}  // namespace tl::cli::client
