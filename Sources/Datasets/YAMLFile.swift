import Yams

/// A YAML document read with Yams, and typed access to its nodes whose errors name the file and
/// the line of the node (Yams keeps each node's position).
struct YAMLFile {
    let file: String
    let root: Node

    init(text: String, file: String) throws {
        self.file = file
        do {
            guard let node = try Yams.compose(yaml: text) else { throw DataError.at(file, line: nil, "empty YAML document") }
            root = node
        } catch let error as YamlError {
            throw DataError.at(file, line: Self.line(of: error), "malformed YAML: \(Self.problem(of: error))")
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context.map { "\($0.text)" }, problem].compactMap { $0 }.joined(separator: ": ")
        default:
            return "\(error)"
        }
    }

    func fail(_ node: Node?, _ problem: String) -> DataError {
        DataError.at(file, line: node?.mark?.line, problem)
    }

    /// `node[key]` of a mapping, required.
    func value(_ node: Node, _ key: String) throws -> Node {
        guard let mapping = node.mapping else { throw fail(node, "expected a mapping with '\(key)'") }
        guard let value = mapping[key] else { throw fail(node, "missing '\(key)'") }
        return value
    }

    func string(_ node: Node, _ key: String) throws -> String {
        let v = try value(node, key)
        guard let s = v.scalar?.string else { throw fail(v, "'\(key)' must be text") }
        return s
    }

    func optionalString(_ node: Node, _ key: String) -> String? {
        node.mapping?[key]?.scalar?.string
    }

    func strings(_ node: Node, _ key: String) throws -> [String] {
        guard let v = node.mapping?[key] else { return [] }
        guard let items = v.sequence else { throw fail(v, "'\(key)' must be a list") }
        return try items.map { item in
            guard let s = item.scalar?.string else { throw fail(item, "'\(key)' must list text values") }
            return s
        }
    }

    func sequence(_ node: Node, _ key: String) throws -> [Node] {
        let v = try value(node, key)
        guard let items = v.sequence else { throw fail(v, "'\(key)' must be a list") }
        return Array(items)
    }
}
