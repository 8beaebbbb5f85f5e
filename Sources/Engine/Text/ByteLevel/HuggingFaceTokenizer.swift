import Foundation

/// Reads a Hugging Face `tokenizer.json` (with the `tokenizer_config.json` beside it, when there is
/// one, and the chat_template.jinja that transformers 5 writes) into a `ByteLevelBPETokenizer`.
///
/// Supported: `model.type` "BPE" over the byte-level alphabet (no `byte_fallback`, no subword
/// prefix or suffix), `added_tokens` with all their flags, `normalizer` null / NFC / NFKC,
/// `pre_tokenizer` made of `ByteLevel`, `Split` (behaviour "Isolated"), `Digits` and `Sequence`
/// steps, a `ByteLevel` decoder. From the config: `bos_token`, `eos_token`, `pad_token`,
/// `add_bos_token` and `chat_template`. Anything else is an error naming the file and the field.
///
///     let tok = try HuggingFaceTokenizer.load(path: "folder/tokenizer.json")   // or "folder"
public enum HuggingFaceTokenizer {
    /// tokenizer.json files larger than this are refused before reading (Gemma's is 33 MB).
    static let maximumFileBytes = 128 << 20

    /// Reads `path` (a tokenizer.json, or a folder holding one) and the tokenizer_config.json beside it.
    public static func load(path: String) throws -> ByteLevelBPETokenizer {
        var file = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            file = (path as NSString).appendingPathComponent("tokenizer.json")
        }
        let root = try readObject(file, what: "tokenizer file")
        let configPath = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("tokenizer_config.json")
        var config = FileManager.default.fileExists(atPath: configPath) ? try readObject(configPath, what: "tokenizer config") : nil
        // transformers 5 writes the chat template to its own file beside the config.
        let jinjaPath = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("chat_template.jinja")
        if config?["chat_template"] == nil, FileManager.default.fileExists(atPath: jinjaPath) {
            let data = try TokenizerFile.readBounded(jinjaPath, limit: 1 << 20, what: "chat template")
            var c = config ?? [:]
            c["chat_template"] = String(decoding: data, as: UTF8.self)
            config = c
        }
        return try tokenizer(root, config: config, source: "tokenizer file \(file)",
                             configSource: "tokenizer config \(configPath)")
    }

    /// A parsed JSON object from a file, with the size checked first.
    static func readObject(_ path: String, what: String) throws -> [String: Any] {
        let data = try TokenizerFile.readBounded(path, limit: maximumFileBytes, what: what)
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw EngineError("\(what) \(path): not valid JSON (\(error.localizedDescription))")
        }
        guard let root = object as? [String: Any] else { throw EngineError("\(what) \(path): expected a JSON object at the top level") }
        return root
    }

    /// The tokenizer of a parsed tokenizer.json and optional tokenizer_config.json.
    public static func tokenizer(_ root: [String: Any], config: [String: Any]?, source: String,
                                 configSource: String = "tokenizer config") throws -> ByteLevelBPETokenizer {
        func bad(_ problem: String) -> EngineError { EngineError("\(source): \(problem)") }
        guard let model = root["model"] as? [String: Any] else { throw bad("\"model\" is missing or not an object") }
        let type = model["type"] as? String ?? "BPE"
        guard type == "BPE" else { throw bad("model.type is \(type.debugDescription); Spar reads byte-level BPE tokenizers only") }
        if JSONValues.bool(model["byte_fallback"]) == true {
            throw bad("model.byte_fallback is true: a SentencePiece-style BPE, which Spar does not read (only byte-level BPE)")
        }
        for key in ["continuing_subword_prefix", "end_of_word_suffix"] {
            if let s = model[key] as? String, !s.isEmpty { throw bad("model.\(key) \(s.debugDescription) is not supported") }
        }
        guard let vocab = model["vocab"] as? [String: Any] else { throw bad("model.vocab is missing or not an object") }
        guard vocab.count <= ByteLevelBPESpec.maximumTokens else {
            throw bad("model.vocab has \(vocab.count) tokens, more than the limit of \(ByteLevelBPESpec.maximumTokens)")
        }
        // Added tokens first: their ids may lie past the model's vocabulary.
        var added = [ByteLevelBPESpec.AddedToken]()
        let addedAny = root["added_tokens"] as? [Any] ?? []
        guard addedAny.count <= ByteLevelBPESpec.maximumAddedTokens else { throw bad("added_tokens has \(addedAny.count) entries, too many") }
        for (k, a) in addedAny.enumerated() {
            guard let o = a as? [String: Any], let id = JSONValues.exactInt(o["id"]), let content = o["content"] as? String else {
                throw bad("added_tokens[\(k)] needs an integer \"id\" and a string \"content\"")
            }
            func flag(_ key: String, _ fallback: Bool) throws -> Bool {
                guard let v = o[key] else { return fallback }
                guard let b = JSONValues.bool(v) else { throw bad("added_tokens[\(k)].\(key) is not true or false") }
                return b
            }
            let special = try flag("special", false)
            added.append(.init(id: id, content: content, special: special, normalized: try flag("normalized", !special),
                               singleWord: try flag("single_word", false), lstrip: try flag("lstrip", false), rstrip: try flag("rstrip", false)))
        }
        // The id space: every vocabulary and added id, holes allowed but bounded.
        var maxID = -1
        for (token, v) in vocab {
            guard let id = JSONValues.exactInt(v), id >= 0 else { throw bad("model.vocab[\(token.debugDescription)] is not a non-negative integer id") }
            maxID = max(maxID, id)
        }
        for a in added {
            guard a.id >= 0 else { throw bad("added token \(a.content.debugDescription) has the negative id \(a.id)") }
            maxID = max(maxID, a.id)
        }
        let count = maxID + 1
        guard count >= 1 else { throw bad("the vocabulary is empty") }
        guard count <= 2 * (vocab.count + added.count) + 1024, count <= ByteLevelBPESpec.maximumTokens else {
            throw bad("token id \(maxID) is far beyond the \(vocab.count + added.count) tokens listed")
        }
        var tokens = [String](repeating: "", count: count)
        for (token, v) in vocab { if let id = JSONValues.exactInt(v) { tokens[id] = token } }
        for a in added { tokens[a.id] = a.content }

        let merges = try readMerges(model["merges"], bad)
        var rules = [PreTokenizerRule]()
        var sawByteLevel = false
        try readPreTokenizer(root["pre_tokenizer"], into: &rules, sawByteLevel: &sawByteLevel, path: "pre_tokenizer", bad)
        guard sawByteLevel else { throw bad("pre_tokenizer has no ByteLevel step, so this is not a byte-level BPE tokenizer") }
        let normalizer = try readNormalizer(root["normalizer"], path: "normalizer", bad)
        try checkDecoder(root["decoder"], bad)

        var spec = ByteLevelBPESpec(tokens: tokens, merges: merges, addedTokens: added, preTokenizer: rules, normalizer: normalizer,
                                    ignoreMerges: JSONValues.bool(model["ignore_merges"]) ?? false,
                                    fuseUnknown: JSONValues.bool(model["fuse_unk"]) ?? false)
        let idOf = Dictionary(tokens.enumerated().filter { !$0.element.isEmpty }.map { ($0.element, $0.offset) },
                              uniquingKeysWith: { _, last in last })
        if let unk = model["unk_token"] as? String {
            guard let id = idOf[unk] else { throw bad("model.unk_token \(unk.debugDescription) is not in the vocabulary") }
            spec.unknownID = id
            spec.bytesBecomeUnknown = true
        }
        spec.addsBegin = postProcessorAddsBegin(root["post_processor"])
        if let config {
            func tokenID(_ key: String) throws -> Int? {
                var text: String?
                if let s = config[key] as? String { text = s } else if let o = config[key] as? [String: Any] { text = o["content"] as? String }
                guard let text else { return nil }
                guard let id = idOf[text] else { throw EngineError("\(configSource): \(key) \(text.debugDescription) is not in the vocabulary") }
                return id
            }
            spec.beginID = try tokenID("bos_token")
            spec.endID = try tokenID("eos_token")
            spec.padID = try tokenID("pad_token")
            if spec.unknownID == nil { spec.unknownID = try tokenID("unk_token") }
            if let add = JSONValues.bool(config["add_bos_token"]) { spec.addsBegin = add }
            spec.chatTemplate = chatTemplate(config["chat_template"])
        }
        return try ByteLevelBPETokenizer(spec: spec, source: source)
    }

    /// `merges` as "left right" strings (older files) or [left, right] lists.
    static func readMerges(_ value: Any?, _ bad: (String) -> EngineError) throws -> [ByteLevelBPESpec.Merge] {
        guard let list = value as? [Any] else { throw bad("model.merges is missing or not a list") }
        guard list.count <= ByteLevelBPESpec.maximumMerges else { throw bad("model.merges has \(list.count) entries, too many") }
        var out = [ByteLevelBPESpec.Merge]()
        out.reserveCapacity(list.count)
        for (r, m) in list.enumerated() {
            if let s = m as? String {
                let parts = s.split(separator: " ", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw bad("model.merges[\(r)] \(s.debugDescription) is not two tokens separated by one space")
                }
                out.append(.init(String(parts[0]), String(parts[1])))
            } else if let pair = m as? [Any], pair.count == 2, let l = pair[0] as? String, let rr = pair[1] as? String {
                out.append(.init(l, rr))
            } else {
                throw bad("model.merges[\(r)] is neither \"left right\" nor [left, right]")
            }
        }
        return out
    }

    static func readPreTokenizer(_ value: Any?, into rules: inout [PreTokenizerRule], sawByteLevel: inout Bool,
                                 path: String, _ bad: (String) -> EngineError) throws {
        guard let value, !(value is NSNull) else { return }
        guard let o = value as? [String: Any], let type = o["type"] as? String else { throw bad("\(path) is not an object with a \"type\"") }
        switch type {
        case "Sequence":
            guard let steps = o["pretokenizers"] as? [Any] else { throw bad("\(path).pretokenizers is missing") }
            for (k, s) in steps.enumerated() {
                try readPreTokenizer(s, into: &rules, sawByteLevel: &sawByteLevel, path: "\(path).pretokenizers[\(k)]", bad)
            }
        case "ByteLevel":
            sawByteLevel = true
            if JSONValues.bool(o["add_prefix_space"]) == true { rules.append(.prefixSpace) }
            if JSONValues.bool(o["use_regex"]) ?? true { rules.append(.gpt2) }
        case "Split":
            let behavior = o["behavior"] as? String ?? "Isolated"
            guard behavior == "Isolated", JSONValues.bool(o["invert"]) != true else {
                throw bad("\(path): Split with behavior \(behavior.debugDescription)\(JSONValues.bool(o["invert"]) == true ? " inverted" : "") is not supported (only \"Isolated\")")
            }
            guard let pattern = o["pattern"] as? [String: Any] else { throw bad("\(path).pattern is missing") }
            if let regex = pattern["Regex"] as? String {
                rules.append(PreTokenizerRule.recognize(regex))
            } else if let literal = pattern["String"] as? String, !literal.isEmpty {
                rules.append(.regex(NSRegularExpression.escapedPattern(for: literal)))
            } else {
                throw bad("\(path).pattern is neither a Regex nor a non-empty String")
            }
        case "Digits":
            rules.append(JSONValues.bool(o["individual_digits"]) == true ? .digits : .digitRuns)
        default:
            throw bad("\(path): the \(type) pre-tokenizer is not supported (Spar reads ByteLevel, Split, Digits and Sequence)")
        }
    }

    static func readNormalizer(_ value: Any?, path: String, _ bad: (String) -> EngineError) throws -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let o = value as? [String: Any], let type = o["type"] as? String else { throw bad("\(path) is not an object with a \"type\"") }
        switch type {
        case "NFC": return "nfc"
        case "NFKC": return "nfkc"
        case "Sequence":
            let forms = try (o["normalizers"] as? [Any] ?? []).enumerated().compactMap {
                try readNormalizer($0.element, path: "\(path).normalizers[\($0.offset)]", bad)
            }
            guard forms.count <= 1 else { throw bad("\(path): more than one normalization form is not supported") }
            return forms.first
        default:
            throw bad("\(path): the \(type) normalizer is not supported (Spar reads NFC and NFKC)")
        }
    }

    static func checkDecoder(_ value: Any?, _ bad: (String) -> EngineError) throws {
        guard let value, !(value is NSNull) else { throw bad("decoder is missing: a byte-level BPE tokenizer needs the ByteLevel decoder") }
        guard let o = value as? [String: Any], let type = o["type"] as? String else { throw bad("decoder is not an object with a \"type\"") }
        if type == "ByteLevel" { return }
        if type == "Sequence", let ds = o["decoders"] as? [Any],
           ds.allSatisfy({ (($0 as? [String: Any])?["type"] as? String) == "ByteLevel" }), !ds.isEmpty { return }
        throw bad("decoder \(type) is not supported (Spar decodes byte-level BPE with the ByteLevel decoder)")
    }

    /// Whether the post-processor puts a special token in front (TemplateProcessing, Roberta, Bert).
    static func postProcessorAddsBegin(_ value: Any?) -> Bool {
        guard let o = value as? [String: Any], let type = o["type"] as? String else { return false }
        switch type {
        case "TemplateProcessing":
            guard let single = o["single"] as? [Any], let first = single.first as? [String: Any] else { return false }
            return first["SpecialToken"] != nil
        case "RobertaProcessing", "BertProcessing": return true
        case "Sequence":
            return (o["processors"] as? [Any] ?? []).contains { postProcessorAddsBegin($0) }
        default: return false
        }
    }

    /// The config's chat template: a string, or a list of named ones (the "default" one, else the first).
    static func chatTemplate(_ value: Any?) -> String? {
        if let s = value as? String { return s }
        guard let list = value as? [[String: Any]] else { return nil }
        let named = list.first { $0["name"] as? String == "default" } ?? list.first
        return named?["template"] as? String
    }
}
