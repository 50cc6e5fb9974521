#pragma once
// The gateway's configuration as plain values. Every default lives here, in the member
// initialisers, and nowhere else: the TOML loader starts from a default-constructed
// GatewayConfig and only overwrites the keys a file sets, so the example file in board/ and
// these initialisers can be compared by a test (the documentation cannot drift).
//
// The structs carry no storage or network types on purpose: config stays independent of the
// components it configures, and the daemon maps these values onto StoreOptions,
// DeframerLimits, ReassemblerLimits and so on.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hj212gw::config {

/// Who the gateway is when it speaks for itself (answers to platform commands, heartbeats).
struct IdentityConfig {
    /// Empty is allowed: only needed when a platform commands the gateway itself.
    std::string mn;
    std::string pw = "123456";
    std::string st = "32";
    bool operator==(const IdentityConfig&) const = default;
};

/// A TCP port devices connect to.
struct ListenerConfig {
    std::string name; ///< label for logs and status; empty: "tcp://host:port" is used
    std::string host = "0.0.0.0";
    std::uint16_t port = 0; ///< required, 1..65535
    /// Device MNs accepted on this listener; empty: any MN.
    std::vector<std::string> allow_mn;
    /// When true a device packet whose PW differs from `password` is answered with QnRtn 3.
    bool check_password = false;
    /// The password devices must send; empty: the gateway's own pw.
    std::string password;
    /// A device that sends nothing for this long is disconnected (0: never). Frees sockets
    /// held by devices whose 4G link died without a FIN.
    std::chrono::seconds idle_timeout{300};
    /// A device whose garbage since its last good frame exceeds this is disconnected.
    std::uint64_t max_garbage_bytes = 65536;
    /// Connections beyond this are refused, so a reconnect storm cannot exhaust descriptors.
    std::uint32_t max_connections = 64;
    bool operator==(const ListenerConfig&) const = default;
};

enum class Parity { none, odd, even };

/// An RS-232/485 port with a device on it.
struct SerialConfig {
    std::string name; ///< label for logs and status; empty: the device path is used
    std::filesystem::path device;
    std::uint32_t baud = 9600;
    std::uint8_t data_bits = 8;
    Parity parity = Parity::none;
    std::uint8_t stop_bits = 1;
    bool rs485 = false; ///< switch the UART to RS-485 mode (TIOCSRS485) on open
    bool operator==(const SerialConfig&) const = default;
};

/// A supervision platform the gateway forwards to.
struct UpstreamConfig {
    std::string name; ///< required, [A-Za-z0-9_-]+, the key of its delivery queue
    std::string host;
    std::uint16_t port = 0;
    /// Packets in flight awaiting 9014 at once (1: the standard's stop-and-wait).
    std::uint32_t window = 1;
    /// The standard's OverTime: wait this long for a reply before resending (Table 1).
    std::chrono::seconds over_time{10};
    /// The standard's ReCount: resends before the link counts as down.
    std::uint32_t re_count = 3;
    /// Reconnect delay, doubled after every failed attempt up to backoff_max.
    std::chrono::seconds backoff_initial{1};
    std::chrono::seconds backoff_max{60};
    /// When set, PW is replaced by this when forwarding (platforms issue their own).
    std::optional<std::string> rewrite_pw;
    /// Device MN -> MN the platform knows the point by; unmapped MNs pass unchanged.
    std::map<std::string, std::string> mn_map;
    /// Seconds between 9015 heartbeats (HJ 212-2025); 0: off.
    std::chrono::seconds heartbeat{0};
    /// History uploads set Flag A and wait for 9014.
    bool history_ack = true;
    bool operator==(const UpstreamConfig&) const = default;
};

struct ReassemblyConfig {
    std::size_t max_pending = 32;     ///< split packets being assembled at once
    std::size_t max_bytes = 262144;   ///< segment bytes held across all of them
    std::uint32_t max_parts = 1000;   ///< a larger PNUM is refused
    std::chrono::seconds timeout{60}; ///< an incomplete packet is dropped after this
    bool operator==(const ReassemblyConfig&) const = default;
};

struct ProtocolConfig {
    /// Largest data segment accepted from devices: the standard says 1024, devices send more.
    std::size_t max_segment = 4096;
    /// Largest data segment we emit; longer packets are split (PNUM/PNO). Standard: 1024.
    std::size_t emit_segment = 1024;
    ReassemblyConfig reassembly;
    bool operator==(const ProtocolConfig&) const = default;
};

struct StoreConfig {
    /// Disk budget of the database; 0: min(1 GiB, 80 % of free space).
    std::uint64_t budget_bytes = 0;
    /// Undelivered data is evicted only above this; 0: budget + 25 %, at most 95 % of free.
    std::uint64_t hard_limit_bytes = 0;
    /// Delivered packets older than this are evicted even under budget.
    std::chrono::days delivered_max_age{90};
    /// Group commit: a batch closes after this long ...
    std::chrono::milliseconds commit_interval{20};
    /// ... or when it holds this many rows.
    std::size_t commit_max_rows = 500;
    bool operator==(const StoreConfig&) const = default;
};

struct ClockConfig {
    /// A platform's 1012 sets the system clock only when true; otherwise the offset is recorded.
    bool allow_set = false;
    bool operator==(const ClockConfig&) const = default;
};

/// The local HTTP status/metrics endpoint (off unless configured).
struct HttpConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    /// Bearer token required by every request; empty: none (only allowed on loopback).
    std::string token;
    std::uint32_t max_connections = 8;      ///< open at once; more wait in the backlog
    std::uint32_t max_request_bytes = 8192; ///< a larger request header is refused (431)
    std::chrono::seconds idle_timeout{30};  ///< a connection idle this long is closed
    std::chrono::seconds page_refresh{10};  ///< how often the status page fetches its data
    bool operator==(const HttpConfig&) const = default;
};

/// The field console: a local unix socket (`hj212gw console`) and optionally a serial port.
struct ConsoleConfig {
    /// Serial port for a laptop with a USB-serial cable; empty: no serial console.
    std::filesystem::path serial;
    std::uint32_t baud = 115200;
    /// Unix socket `hj212gw console` attaches to; empty: data_dir / "console.sock".
    std::filesystem::path socket;
    /// Asked before any command; empty: none (the socket is root/owner-only anyway).
    std::string password;
    std::uint32_t max_failures = 3;        ///< wrong passwords in a row before a lockout
    std::chrono::seconds lockout{300};     ///< how long the console refuses logins after that
    std::chrono::seconds idle_logout{900}; ///< a logged-in session idle this long logs out
    std::uint32_t max_sessions = 4;        ///< unix socket sessions at once
    bool operator==(const ConsoleConfig&) const = default;
};

enum class LogLevel { trace, debug, info, warn, error, critical, off };

struct LogConfig {
    LogLevel level = LogLevel::info;
    /// Empty: data_dir / "hj212gw.log" (see log_file_path()).
    std::filesystem::path file;
    std::uint64_t max_file_bytes = 1024 * 1024; ///< rotate when a file reaches this
    std::uint32_t max_files = 3;                ///< rotated files kept
    bool operator==(const LogConfig&) const = default;
};

/// Start values of the parameters platforms may change at run time (1062, 1064, 2011/2012).
struct RuntimeDefaults {
    std::chrono::seconds rtd_interval{30};
    std::chrono::minutes min_interval{10};
    bool realtime_upload = true;
    bool operator==(const RuntimeDefaults&) const = default;
};

enum class AveragingKind { water, gas };
enum class AveragingMethod { arithmetic, flow_weighted };

/// The gateway computes minute (MinInterval), hourly and daily values (2051/2061/2031) itself
/// for an MN whose device only sends real-time data (2011): one [[averaging]] per MN.
struct AveragingEntry {
    std::string mn; ///< required
    AveragingKind kind = AveragingKind::water;
    std::chrono::minutes min_interval{10}; ///< MinInterval, divides the hour
    /// Water only: flow-weighted (D.1.2.3) or arithmetic (D.1.3) means. Gas is always
    /// flow-weighted where the standard asks for it.
    AveragingMethod method = AveragingMethod::arithmetic;
    /// Averaged factors besides the flow (and O2, added when a reference O2 needs it).
    std::vector<std::string> factors;
    /// "" = the kind's flow factor (water w00000, gas a00000).
    std::string flow_factor;
    /// Gas only: factor -> the standard's reference O2 (%) for its ZsAvg.
    std::map<std::string, double> reference_o2;
    bool operator==(const AveragingEntry&) const = default;
};

/// The transmission-effective rate (传输有效率) the daemon watches.
struct RatesConfig {
    /// A factor whose month-to-date effective rate falls below this is logged (once a day).
    double warn_below = 0.90;
    bool operator==(const RatesConfig&) const = default;
};

/// A validity rule for a factor (one [[validity]] per (MN, factor)): the keys it sets replace
/// the built-in default of the factor's class; the keys it leaves out keep that default.
struct ValidityEntry {
    std::string mn;     ///< "" = the factor at every MN
    std::string factor; ///< required, as the device writes it (2017 codes also match 2005 ones)
    /// Instrument range, inclusive; unset: the class default (unbounded).
    std::optional<double> range_min;
    std::optional<double> range_max;
    std::optional<bool> allow_negative;
    /// A value unchanged for this long is stuck; 0: never. Unset: the class default.
    std::optional<std::chrono::hours> stuck_hours;
    /// Needs an MN: the flow factor whose zero invalidates this MN's discharge amounts.
    std::string flow_factor;
    bool operator==(const ValidityEntry&) const = default;
};

struct GatewayConfig {
    IdentityConfig gateway;
    std::filesystem::path data_dir = "/var/lib/hj212gw";
    std::vector<ListenerConfig> listeners;
    std::vector<SerialConfig> serial_ports;
    std::vector<UpstreamConfig> upstreams;
    ProtocolConfig protocol;
    StoreConfig store;
    ClockConfig clock;
    std::optional<HttpConfig> http; ///< nullopt: no HTTP endpoint
    ConsoleConfig console;
    LogConfig log;
    RuntimeDefaults runtime;
    std::vector<AveragingEntry> averaging;
    std::vector<ValidityEntry> validity;
    RatesConfig rates;
    bool operator==(const GatewayConfig&) const = default;
};

/// The console socket actually used: console.socket, or data_dir/console.sock when empty.
inline std::filesystem::path console_socket_path(const GatewayConfig& c) {
    return c.console.socket.empty() ? c.data_dir / "console.sock" : c.console.socket;
}

/// The log file actually written: log.file, or data_dir/hj212gw.log when that is empty.
inline std::filesystem::path log_file_path(const GatewayConfig& c) {
    return c.log.file.empty() ? c.data_dir / "hj212gw.log" : c.log.file;
}

} // namespace hj212gw::config
