import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one gate every large allocation asks first, so that running out of memory is a Spar error
/// ("zeros: shape [1000000000] needs 4 GB, but only 1.2 GB of memory is free") instead of an abort
/// in the allocator or a visit from the kernel's OOM killer.
///
/// The limit is `SPAR_MAX_MEMORY` when set (bytes, or with a unit: `512M`, `2G`, `1.5GB`) and counts
/// the whole process: what it already holds (resident set) plus the new allocation. Without it, an
/// allocation must fit in what the machine and the process's own limits leave: the kernel's estimate
/// of available memory plus free swap, the cgroup's `memory.max`, and `ulimit -v`. Requests below
/// `checkedFrom` bytes pass without a look, so small tensors cost nothing.
///
///     try MemoryLimit.check(bytes: n * 4, for: "zeros: shape \(shape)")
public enum MemoryLimit {
    /// Allocations smaller than this are not checked.
    public static let checkedFrom = 32 << 20

    /// The process-wide limit in bytes from `SPAR_MAX_MEMORY`, or nil when unset (then the machine's
    /// limits apply). Settable, for tests and for embedding programs.
    nonisolated(unsafe) public static var configured: Int? = parse(ProcessInfo.processInfo.environment["SPAR_MAX_MEMORY"])

    /// Throws an `EngineError` naming `what` when `bytes` more could not be allocated now.
    @inline(__always)
    public static func check(bytes: Int, for what: @autoclosure () -> String) throws {
        if _slowPath(bytes >= checkedFrom) { try checkLarge(bytes: bytes, for: what()) }
    }

    /// `count` elements of `size` bytes each, with the multiplication checked for overflow.
    @inline(__always)
    public static func check(count: Int, of size: Int, for what: @autoclosure () -> String) throws {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        if _slowPath(overflow || count < 0) { throw EngineError("\(what()) is too large to allocate") }
        try check(bytes: bytes, for: what())
    }

    @inline(never)
    static func checkLarge(bytes: Int, for what: String) throws {
        if let limit = configured {
            let used = residentBytes()
            if bytes > limit - used {
                throw EngineError("\(what) needs \(format(bytes)), above the memory limit SPAR_MAX_MEMORY=\(limitText(limit)) (\(format(used)) in use)")
            }
            return
        }
        let free = availableBytes()
        if bytes > free {
            throw EngineError("\(what) needs \(format(bytes)), but only \(format(free)) of memory is free")
        }
    }

    /// The limit as the user wrote it, when it came from the environment.
    private static func limitText(_ limit: Int) -> String {
        if let text = ProcessInfo.processInfo.environment["SPAR_MAX_MEMORY"], parse(text) == limit { return text }
        return format(limit)
    }

    /// How many more bytes this process may allocate now, by the limits above.
    public static func availableBytes() -> Int {
        if let limit = configured { return Swift.max(0, limit - residentBytes()) }
        var free = Int.max
        if let machine = machineAvailable() { free = Swift.min(free, machine) }
        if let group = cgroupAvailable() { free = Swift.min(free, group) }
        var rl = rlimit()
        if getrlimit(Int32(RLIMIT_AS.rawValue), &rl) == 0, rl.rlim_cur < UInt64(Int.max) {
            free = Swift.min(free, Int(rl.rlim_cur) - virtualBytes())
        }
        return Swift.max(0, free)
    }

    /// "4 GB", "512 MB", "3.2 kB": decimal units, as `ls -h --si` and most people read sizes.
    public static func format(_ bytes: Int) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes), unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        if unit == 0 { return "\(bytes) bytes" }
        var text = value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return "\(text) \(units[unit])"
    }

    /// Reads `SPAR_MAX_MEMORY`'s syntax: a number of bytes with an optional unit K, M, G, T (powers
    /// of 1024; a trailing B or iB is allowed). nil for nil, empty or malformed text.
    public static func parse(_ text: String?) -> Int? {
        guard var s = text?.trimmingCharacters(in: .whitespaces).uppercased(), !s.isEmpty else { return nil }
        if s.hasSuffix("IB") { s.removeLast(2) } else if s.hasSuffix("B") { s.removeLast() }
        var scale = 1.0
        if let last = s.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][last] {
            scale = pow(1024, Double(power))
            s.removeLast()
        }
        guard let value = Double(s.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else { return nil }
        let bytes = value * scale
        guard bytes < 9.0e18 else { return Int.max }
        return Int(bytes)
    }

    // MARK: what the system says

    /// Resident set size of this process (from /proc/self/statm).
    static func residentBytes() -> Int { statm(field: 1) }

    /// Virtual size of this process, which `ulimit -v` limits.
    static func virtualBytes() -> Int { statm(field: 0) }

    private static func statm(field: Int) -> Int {
        guard let text = readSmallFile("/proc/self/statm") else { return 0 }
        let parts = text.split(separator: " ")
        guard field < parts.count, let pages = Int(parts[field]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// MemAvailable + SwapFree from /proc/meminfo.
    private static func machineAvailable() -> Int? {
        guard let text = readSmallFile("/proc/meminfo") else { return nil }
        var available: Int?, swap = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == ":" })
            guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
            if parts[0] == "MemAvailable" { available = kb * 1024 }
            if parts[0] == "SwapFree" { swap = kb * 1024 }
        }
        return available.map { $0 + swap }
    }

    /// memory.max - memory.current of this process's cgroup (v2), when it has a limit.
    private static func cgroupAvailable() -> Int? {
        guard let membership = readSmallFile("/proc/self/cgroup"),
              let line = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") }) else { return nil }
        let folder = "/sys/fs/cgroup" + line.dropFirst(3).trimmingCharacters(in: .whitespaces)
        guard let maxText = readSmallFile(folder + "/memory.max")?.trimmingCharacters(in: .whitespacesAndNewlines),
              let max = Int(maxText),
              let currentText = readSmallFile(folder + "/memory.current")?.trimmingCharacters(in: .whitespacesAndNewlines),
              let current = Int(currentText) else { return nil }
        return max - current
    }

    private static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}
