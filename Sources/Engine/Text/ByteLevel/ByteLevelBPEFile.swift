import Foundation

/// Spar's tokenizer file for kind "byte-level-bpe": the `ByteLevelBPESpec` as JSON, so a model
/// loaded from a GGUF or a tokenizer.json and saved as a Spar checkpoint keeps its tokenizer.
///
///     {
///       "format": "spar-tokenizer", "version": 1, "kind": "byte-level-bpe", "vocab_size": 49152,
///       "pre_tokenizer": ["digits", "gpt2"], "normalizer": null, "ignore_merges": false,
///       "begin": 1, "end": 2, "pad": 2, "unknown": 0, "bytes_become_unknown": false, "fuse_unknown": false,
///       "adds_begin": false,
///       "chat_template": "{% for message in messages %}...",
///       "added_tokens": [{"id": 0, "content": "<|endoftext|>", "special": true, "normalized": false,
///                         "single_word": false, "lstrip": false, "rstrip": false}, ...],
///       "tokens": ["<|endoftext|>", "<|im_start|>", ..., "Ġt", ...],
///       "merges": [["Ġ", "t"], ...]
///     }
enum ByteLevelBPEFile {
    static func serialize(_ spec: ByteLevelBPESpec) -> String {
        func id(_ v: Int?) -> String { v.map(String.init) ?? "null" }
        func str(_ v: String?) -> String { v.map(JSONText.string) ?? "null" }
        var out = "{\n"
        out += "  \"format\": \"\(TokenizerFile.formatName)\",\n"
        out += "  \"version\": \(TokenizerFile.version),\n"
        out += "  \"kind\": \"byte-level-bpe\",\n"
        out += "  \"vocab_size\": \(spec.tokens.count),\n"
        out += "  \"pre_tokenizer\": [" + spec.preTokenizer.map { JSONText.string($0.description) }.joined(separator: ", ") + "],\n"
        out += "  \"normalizer\": \(str(spec.normalizer)),\n"
        out += "  \"ignore_merges\": \(spec.ignoreMerges),\n"
        out += "  \"begin\": \(id(spec.beginID)),\n  \"end\": \(id(spec.endID)),\n  \"pad\": \(id(spec.padID)),\n"
        out += "  \"unknown\": \(id(spec.unknownID)),\n  \"bytes_become_unknown\": \(spec.bytesBecomeUnknown),\n"
        out += "  \"fuse_unknown\": \(spec.fuseUnknown),\n"
        out += "  \"adds_begin\": \(spec.addsBegin),\n"
        out += "  \"chat_template\": \(str(spec.chatTemplate)),\n"
        out += "  \"added_tokens\": [" + spec.addedTokens.map { a in
            "\n    {\"id\": \(a.id), \"content\": \(JSONText.string(a.content)), \"special\": \(a.special), \"normalized\": \(a.normalized), \"single_word\": \(a.singleWord), \"lstrip\": \(a.lstrip), \"rstrip\": \(a.rstrip)}"
        }.joined(separator: ",") + (spec.addedTokens.isEmpty ? "],\n" : "\n  ],\n")
        out += "  \"tokens\": [\n" + spec.tokens.map { "    " + JSONText.string($0) }.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"merges\": [" + spec.merges.map { "\n    [\(JSONText.string($0.left)), \(JSONText.string($0.right))]" }
            .joined(separator: ",") + (spec.merges.isEmpty ? "]\n" : "\n  ]\n")
        out += "}\n"
        return out
    }

    /// Reads the fields of a parsed file of this kind (the format, version and kind are checked).
    static func decode(_ root: [String: Any], source: String) throws -> ByteLevelBPETokenizer {
        func bad(_ problem: String) -> EngineError { EngineError("\(source): \(problem)") }
        func optionalID(_ key: String) throws -> Int? {
            guard let v = root[key], !(v is NSNull) else { return nil }
            guard let i = JSONValues.exactInt(v) else { throw bad("\"\(key)\" is not an integer id or null") }
            return i
        }
        func flag(_ key: String, in object: [String: Any] = [:], _ fallback: Bool = false) throws -> Bool {
            let o = object.isEmpty ? root : object
            guard let v = o[key] else { return fallback }
            guard let b = JSONValues.bool(v) else { throw bad("\"\(key)\" is not true or false") }
            return b
        }
        guard let tokens = root["tokens"] as? [Any] else { throw bad("\"tokens\" is missing or not a list") }
        var spellings = [String]()
        spellings.reserveCapacity(tokens.count)
        for (k, t) in tokens.enumerated() {
            guard let s = t as? String else { throw bad("token \(k) is not a string") }
            spellings.append(s)
        }
        guard let mergesAny = root["merges"] as? [Any] else { throw bad("\"merges\" is missing or not a list") }
        var merges = [ByteLevelBPESpec.Merge]()
        merges.reserveCapacity(mergesAny.count)
        for (r, m) in mergesAny.enumerated() {
            guard let pair = m as? [Any], pair.count == 2, let l = pair[0] as? String, let rr = pair[1] as? String else {
                throw bad("merge \(r) is not a pair of token strings")
            }
            merges.append(.init(l, rr))
        }
        var added = [ByteLevelBPESpec.AddedToken]()
        for (k, a) in (root["added_tokens"] as? [Any] ?? []).enumerated() {
            guard let o = a as? [String: Any], let id = JSONValues.exactInt(o["id"]), let content = o["content"] as? String else {
                throw bad("added token \(k) needs an integer \"id\" and a string \"content\"")
            }
            added.append(.init(id: id, content: content, special: try flag("special", in: o), normalized: try flag("normalized", in: o),
                               singleWord: try flag("single_word", in: o), lstrip: try flag("lstrip", in: o), rstrip: try flag("rstrip", in: o)))
        }
        var rules = [PreTokenizerRule]()
        for (k, r) in (root["pre_tokenizer"] as? [Any] ?? []).enumerated() {
            guard let name = r as? String, let rule = PreTokenizerRule(name: name) else {
                throw bad("pre-tokenizer step \(k) is not a rule Spar knows")
            }
            rules.append(rule)
        }
        let normalizer = root["normalizer"] as? String
        let spec = ByteLevelBPESpec(
            tokens: spellings, merges: merges, addedTokens: added, preTokenizer: rules, normalizer: normalizer,
            ignoreMerges: try flag("ignore_merges"), unknownID: try optionalID("unknown"),
            bytesBecomeUnknown: try flag("bytes_become_unknown"), fuseUnknown: try flag("fuse_unknown"),
            beginID: try optionalID("begin"), endID: try optionalID("end"), padID: try optionalID("pad"),
            addsBegin: try flag("adds_begin"), chatTemplate: root["chat_template"] as? String)
        return try ByteLevelBPETokenizer(spec: spec, source: source)
    }
}

/// Exact readings of JSONSerialization values.
enum JSONValues {
    /// An integer from a JSON number, only if it is exactly integral and fits in an Int.
    static func exactInt(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber, !isBool(number) else { return nil }
        let d = number.doubleValue
        guard d.isFinite, d == d.rounded(), abs(d) < 9.0e15 else { return nil }
        return Int(exactly: d)
    }

    static func bool(_ value: Any?) -> Bool? {
        guard let number = value as? NSNumber, isBool(number) else { return nil }
        return number.boolValue
    }

    /// JSON true/false arrive as NSNumbers of type "c" (char).
    static func isBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }
}
