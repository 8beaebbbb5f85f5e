import Foundation

/// The tokenizer file format: one JSON object, also stored whole as a string in checkpoint metadata.
/// (Kind "byte-level-bpe" has its own fields: see `ByteLevelBPEFile`.)
///
///     {
///       "format": "spar-tokenizer",
///       "version": 1,
///       "kind": "bpe",                       // or "bytes"
///       "vocab_size": 1024,                  // 256 + specials + merges, checked on load
///       "specials": ["<|pad|>", ...],        // ids 256, 257, ...
///       "merges": [[32, 116], [104, 101], ...]  // merge r makes id 256 + specials + r
///     }
///
/// Merges are pairs of ids in rank order; a merge may only use bytes and earlier merges. The word
/// splitting rule is part of the format's version: a file of version 1 always means `WordSplitter`
/// as documented. Loading checks everything and names the file and the problem in its error.
public enum TokenizerFile {
    public static let formatName = "spar-tokenizer"
    public static let version = 1
    /// The key under which a checkpoint's safetensors metadata carries its tokenizer.
    public static let metadataKey = "spar.tokenizer"

    /// Files larger than this are refused before reading (a 1M-merge tokenizer is about 16 MB).
    static let maximumFileBytes = 512 << 20

    /// Reads a tokenizer file: Spar's own (any kind), or a Hugging Face tokenizer.json (told apart by
    /// content: Spar's has `"format": "spar-tokenizer"`, Hugging Face's a `"model"` object), or a
    /// folder holding a tokenizer.json. A tokenizer.json is read with the tokenizer_config.json
    /// beside it (see `HuggingFaceTokenizer`).
    public static func load(path: String) throws -> any Tokenizer {
        guard !path.isEmpty else { throw EngineError("cannot read a tokenizer file: the path is empty") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
           FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("tokenizer.json")) {
            return try HuggingFaceTokenizer.load(path: path)
        }
        let data = try readBounded(path, limit: maximumFileBytes, what: "tokenizer file")
        if let wrong = FileKind.refuse(FileKind.sniff(data), path: path, function: "tokenizer.load", expecting: "a tokenizer file",
                                       accepting: [.sparTokenizer, .huggingFaceTokenizer]) { throw wrong }
        let source = "tokenizer file \(path)"
        if let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           root["format"] == nil, root["model"] is [String: Any] {
            return try HuggingFaceTokenizer.load(path: path)
        }
        return try decode(data, source: source)
    }

    /// The bytes of a regular file of at most `limit` bytes; `what` names it in errors.
    static func readBounded(_ path: String, limit: Int, what: String) throws -> Data {
        // Only regular files of a sane size: reading a device or a FIFO could block forever.
        do {
            return try FileProblem.readFile(path, maxBytes: limit)
        } catch {
            throw EngineError("cannot read \(what) \(path): \(FileProblem.reason(error, path: path))")
        }
    }

    /// Reads a tokenizer from the JSON text of `serialized()` (for example checkpoint metadata);
    /// `source` names where it came from in error messages.
    public static func decode(_ json: String, source: String = "tokenizer metadata") throws -> any Tokenizer {
        try decode(Data(json.utf8), source: source)
    }

    static func decode(_ data: Data, source: String) throws -> any Tokenizer {
        func bad(_ problem: String) -> EngineError { EngineError("\(source): \(problem)") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw bad("not valid JSON (\(describe(error)))")
        }
        guard let root = object as? [String: Any] else { throw bad("expected a JSON object at the top level") }
        guard root["format"] as? String == formatName else {
            throw bad("not a Spar tokenizer (\"format\" should be \"\(formatName)\") nor a Hugging Face tokenizer.json (no \"model\" object)")
        }
        guard let version = exactInt(root["version"]) else { throw bad("\"version\" is missing or not an integer") }
        guard version == Self.version else {
            throw bad("version \(version) is not supported (this Spar reads version \(Self.version))")
        }
        guard let kind = root["kind"] as? String else { throw bad("\"kind\" is missing or not a string") }
        if kind == "byte-level-bpe" {
            let tokenizer = try ByteLevelBPEFile.decode(root, source: source)
            guard exactInt(root["vocab_size"]) == tokenizer.vocabularySize else {
                throw bad("\"vocab_size\" does not match the \(tokenizer.vocabularySize) tokens listed")
            }
            return tokenizer
        }
        guard let specialsAny = root["specials"] as? [Any] else { throw bad("\"specials\" is missing or not a list") }
        var specials = [String]()
        for (k, item) in specialsAny.enumerated() {
            guard let text = item as? String else { throw bad("special token \(k) is not a string") }
            specials.append(text)
        }
        let specialSet = try SpecialTokenSet(specials, context: source)
        guard let mergesAny = root["merges"] as? [Any] else { throw bad("\"merges\" is missing or not a list") }
        var merges = [TokenPair]()
        merges.reserveCapacity(mergesAny.count)
        for (r, item) in mergesAny.enumerated() {
            guard let pair = item as? [Any], pair.count == 2,
                  let left = exactInt(pair[0]), let right = exactInt(pair[1]) else {
                throw bad("merge \(r) is not a pair of integer ids")
            }
            merges.append(TokenPair(left, right))
        }
        let tokenizer: any Tokenizer
        switch kind {
        case "bytes":
            guard merges.isEmpty else { throw bad("a \"bytes\" tokenizer has no merges, but the file lists \(merges.count)") }
            tokenizer = ByteTokenizer(specialSet: specialSet)
        case "bpe":
            tokenizer = try BPETokenizer(merges: merges, specialSet: specialSet, context: source)
        default:
            throw bad("unknown kind \(kind.debugDescription) (expected \"bytes\", \"bpe\" or \"byte-level-bpe\")")
        }
        guard let size = exactInt(root["vocab_size"]) else { throw bad("\"vocab_size\" is missing or not an integer") }
        guard size == tokenizer.vocabularySize else {
            throw bad("\"vocab_size\" is \(size) but 256 bytes + \(specials.count) specials + \(merges.count) merges make \(tokenizer.vocabularySize)")
        }
        return tokenizer
    }

    /// The JSON text of a tokenizer: fixed key order, one merge per line, so files diff well.
    static func serialize(kind: String, specials: [String], merges: [TokenPair]) -> String {
        var out = "{\n"
        out += "  \"format\": \"\(formatName)\",\n"
        out += "  \"version\": \(version),\n"
        out += "  \"kind\": \"\(kind)\",\n"
        out += "  \"vocab_size\": \(SpecialTokenSet.firstID + specials.count + merges.count),\n"
        out += "  \"specials\": [" + specials.map(JSONText.string).joined(separator: ", ") + "],\n"
        if merges.isEmpty {
            out += "  \"merges\": []\n"
        } else {
            out += "  \"merges\": [\n"
            out += merges.map { "    [\($0.left), \($0.right)]" }.joined(separator: ",\n")
            out += "\n  ]\n"
        }
        out += "}\n"
        return out
    }

    /// Writes `text` to a temporary file next to `path`, then renames it over `path`, so a crash
    /// never leaves a half-written tokenizer behind.
    static func write(_ text: String, to path: String) throws {
        guard !path.isEmpty else { throw EngineError("cannot write a tokenizer file: the path is empty") }
        do {
            try AtomicWrite.write(Data(text.utf8), to: path)
        } catch let error as EngineError {
            throw EngineError("cannot write tokenizer file \(path): \(error.message)")
        }
    }

    /// An integer from a JSON number, only if it is exactly integral and fits in an Int.
    private static func exactInt(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        // JSON true/false arrive as NSNumbers of type "c" (char); they are not ids.
        if String(cString: number.objCType) == "c" { return nil }
        let d = number.doubleValue
        guard d.isFinite, d == d.rounded(), abs(d) < 9.0e15 else { return nil }
        return Int(exactly: d)
    }

    private static func describe(_ error: Error) -> String {
        if let e = error as? CocoaError, let underlying = e.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return (error as NSError).localizedDescription
    }
}
