import Crypto
import Foundation

/// SHA-256 with swift-crypto (BoringSSL's assembly on Linux): streaming over a file in 1 MiB
/// chunks, so a 100 MB model is never held in memory, and in both spellings wheels use.
public struct StreamingSHA256 {
    private var hasher = SHA256()
    public private(set) var byteCount: UInt64 = 0

    public init() {}

    public mutating func update(_ data: Data) {
        hasher.update(data: data)
        byteCount += UInt64(data.count)
    }

    /// Lower-case hex, as `sha256sum` prints it.
    public func hex() -> String {
        hasher.finalize().map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// URL-safe base64 without padding, as a wheel's RECORD spells it (PEP 376/427).
    public func recordDigest() -> String {
        Data(hasher.finalize()).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

public enum FileDigest {
    /// The SHA-256 (hex) and size of the file at `path`.
    public static func sha256(ofFile path: String) throws -> (hex: String, size: UInt64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AssetError("cannot read '\(path)'")
        }
        defer { try? handle.close() }
        var digest = StreamingSHA256()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw AssetError("cannot read '\(path)': \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            digest.update(chunk)
        }
        return (digest.hex(), digest.byteCount)
    }
}
