import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file is, told from its first bytes: Spar's own formats (game checkpoints, tokenizer
/// files, model checkpoints), safetensors, GGUF and a few others. Every loader asks this before
/// parsing, so a file given to the wrong function is named for what it is, with the function that
/// reads it, instead of failing deep inside the parser ("header length 4993719336402243667 is above
/// the limit"):
///
///     model.load: run.ckpt is a Spar game checkpoint, not a model file; load it with g.load(path)
///
/// Loaders call `FileKind.refuse(path:function:expecting:accepting:)` first; it returns nil for
/// files they may read (and for files it cannot tell apart from garbage, which the loader's own
/// checks then describe).
public enum FileKind: String, CaseIterable, Sendable {
    /// `SPARGAME 1` + header: `Game.saveCheckpoint` / `g.save`.
    case gameCheckpoint
    /// A safetensors file whose metadata names a Spar model (`spar.model`): `m.save`.
    case sparModel
    /// Any other safetensors file (tensors saved with `save(path, ...)`, Hugging Face weights).
    case safetensors
    /// Spar's tokenizer JSON (`"format": "spar-tokenizer"`): `tok.save`.
    case sparTokenizer
    /// A Hugging Face `tokenizer.json`.
    case huggingFaceTokenizer
    /// A GGUF model file (llama.cpp).
    case gguf
    /// A zip archive (PyTorch's `.bin`/`.pt` checkpoints are zip files too).
    case zipArchive
    /// A pickle stream (older PyTorch checkpoints).
    case pickle
    /// JSON lines of self-play episodes: a ledger written by `eps.save` / `g.ledger.save`.
    case ledger
    /// Other UTF-8 text.
    case text
    /// Other bytes.
    case binary
    /// No bytes at all.
    case empty

    /// How many leading bytes `sniff(path:)` looks at.
    public static let prefixLength = 64 * 1024

    /// The kind of the file at `path`, or nil if it cannot be opened as a regular file.
    public static func sniff(path: String) -> FileKind? {
        guard FileProblem.notRegular(path) == nil else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: prefixLength)
        var filled = 0
        while filled < buffer.count {
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(fd, base + filled, raw.count - filled)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            filled += n
        }
        return sniff(Data(buffer[0..<filled]))
    }

    /// The kind of a file that starts with `prefix` (the whole file or its first bytes).
    public static func sniff(_ prefix: Data) -> FileKind {
        let bytes = [UInt8](prefix.prefix(prefixLength))
        if bytes.isEmpty { return .empty }
        if bytes.starts(with: Array("SPARGAME ".utf8)) { return .gameCheckpoint }
        if bytes.starts(with: Array("GGUF".utf8)) { return .gguf }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zipArchive }
        if bytes.count >= 2, bytes[0] == 0x80, (2...5).contains(bytes[1]) { return .pickle }
        if let kind = safetensorsKind(bytes) { return kind }
        guard let text = utf8Text(bytes, cut: bytes.count == prefixLength) else { return .binary }
        let start = text.drop(while: { $0.isWhitespace })
        if start.hasPrefix("{") {
            if text.contains("\"spar-tokenizer\"") { return .sparTokenizer }
            if text.contains("\"added_tokens\"") || text.contains("\"pre_tokenizer\"") || text.contains("\"normalizer\"") {
                return .huggingFaceTokenizer
            }
            let firstLine = start.prefix(while: { $0 != "\n" })
            if firstLine.contains("\"attacker_answer\"") || firstLine.contains("\"defender_answer\"") { return .ledger }
        }
        if bytes.contains(0) { return .binary }
        return .text
    }

    /// The bytes as UTF-8 text; when `cut` (only a prefix was read) up to 3 bytes of a character
    /// cut in half at the end are dropped.
    private static func utf8Text(_ bytes: [UInt8], cut: Bool) -> String? {
        for drop in 0...(cut ? 3 : 0) where drop < bytes.count {
            if let text = String(validating: bytes.dropLast(drop), as: UTF8.self) { return text }
        }
        return nil
    }

    /// Safetensors: an 8-byte little-endian header length, then a JSON object starting with `{`.
    private static func safetensorsKind(_ bytes: [UInt8]) -> FileKind? {
        guard bytes.count >= 9, bytes[8] == UInt8(ascii: "{") else { return nil }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard n >= 2, n <= UInt64(SafeTensors.maxHeaderBytes) else { return nil }
        let header = bytes[9..<Swift.min(bytes.count, 8 + Int(n))]
        let marker = Array("\"spar.model\"".utf8)
        if header.count >= marker.count {
            for i in header.startIndex...(header.endIndex - marker.count) where header[i] == marker[0] {
                if header[i..<(i + marker.count)].elementsEqual(marker) { return .sparModel }
            }
        }
        return .safetensors
    }

    /// "a Spar game checkpoint", for messages.
    public var what: String {
        switch self {
        case .gameCheckpoint: return "a Spar game checkpoint"
        case .sparModel: return "a Spar model checkpoint (safetensors)"
        case .safetensors: return "a safetensors file of tensors"
        case .sparTokenizer: return "a Spar tokenizer file"
        case .huggingFaceTokenizer: return "a Hugging Face tokenizer.json"
        case .gguf: return "a GGUF model file"
        case .zipArchive: return "a zip archive (PyTorch .bin/.pt checkpoints are zip files)"
        case .pickle: return "a Python pickle (an old PyTorch checkpoint)"
        case .ledger: return "a self-play ledger (JSON lines of episodes)"
        case .text: return "a text file"
        case .binary: return "a binary file of unknown format"
        case .empty: return "empty"
        }
    }

    /// The Spar function that reads files of this kind, or advice when none does.
    public var loadedBy: String? {
        switch self {
        case .gameCheckpoint: return "load it with g.load(path) on a game made with the same arguments"
        case .sparModel: return "load it with model.load(path)"
        case .safetensors: return "load it with load(path)"
        case .sparTokenizer: return "load it with tokenizer.load(path)"
        case .gguf: return "load it with model.load(path)"
        case .zipArchive, .pickle: return "convert it to safetensors first"
        case .ledger: return "read it with file.read(path) and parse the lines"
        case .huggingFaceTokenizer, .text, .binary, .empty: return nil
        }
    }

    /// The error for `function` (which reads `expecting`, e.g. "a model file") given the file at
    /// `path` when the file is recognisably something else; nil when its kind is in `accepting`,
    /// when it is plain text or unknown bytes (the loader's own checks describe those), or when it
    /// cannot be read (the loader reports that).
    public static func refuse(path: String, function: String, expecting: String, accepting: Set<FileKind>) -> EngineError? {
        guard let kind = sniff(path: path) else { return nil }
        return refuse(kind, path: path, function: function, expecting: expecting, accepting: accepting)
    }

    /// `refuse(path:...)` for a kind already known.
    public static func refuse(_ kind: FileKind, path: String, function: String, expecting: String,
                              accepting: Set<FileKind>) -> EngineError? {
        if accepting.contains(kind) { return nil }
        switch kind {
        case .text, .binary, .empty: return nil
        default:
            let advice = kind.loadedBy.map { "; \($0)" } ?? ""
            return EngineError("\(function): \(path) is \(kind.what), not \(expecting)\(advice)")
        }
    }
}
