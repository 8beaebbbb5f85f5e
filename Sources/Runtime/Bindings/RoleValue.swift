import Engine

/// An attacker or defender role prompt as a Spar value (`role.attacker(cot: true)`).
final class RoleValue: NativeValue {
    let role: RolePrompt

    init(_ role: RolePrompt) { self.role = role }

    var typeName: String { "role" }

    var summary: String { "<role \(role.kind.rawValue), thinking \(role.cot ? "on" : "off")>" }

    var showText: String {
        var lines = [summary]
        if role.kind == .attacker {
            lines += ["  harmful seeds: " + role.template.debugDescription, "  benign seeds: " + role.benignTemplate.debugDescription]
        } else {
            lines.append("  template: " + role.template.debugDescription)
        }
        if role.cot { lines.append("  generation starts after \(RolePrompt.thinkingPrefix.debugDescription)") }
        return lines.joined(separator: "\n")
    }

    static let members: [(String, String)] = [
        ("kind", "role.kind: \"attacker\" or \"defender\""),
        ("cot", "role.cot: whether hidden thinking is on"),
        ("template", "role.template: the instruction template (the attacker's for harmful seeds)"),
        ("benign_template", "role.benign_template: the attacker's template for benign seeds"),
        ("prefix", "role.prefix: the text generation starts after (\"<think>\" with thinking on, \"\" off)"),
        ("render", "role.render(seed, type) for the attacker, role.render(prompt) for the defender: the full prompt text"),
        ("parse", "role.parse(generation): {thinking, answer, format_ok, violations, leaked} by the exact format rules"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }

    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "kind": return .string(role.kind.rawValue)
        case "cot": return .bool(role.cot)
        case "template": return .string(role.template)
        case "benign_template": return .string(role.benignTemplate)
        case "prefix": return .string(role.cot ? RolePrompt.thinkingPrefix : "")
        default: return nil
        }
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "render":
            if role.kind == .attacker {
                try args.expect(2)
                return .string(try role.render(seed: try args.string(0), type: try SelfPlayConversions.seedType(try args.string(1), args.callee)))
            }
            try args.expect(1)
            return .string(try role.render(prompt: try args.string(0)))
        case "parse":
            try args.expect(1)
            let t = role.parse(try args.string(0))
            return .record([("thinking", .string(t.thinking)), ("answer", .string(t.answer)), ("format_ok", .bool(t.formatOK)),
                            ("violations", .list(t.violations.map { .string($0.rawValue) })), ("leaked", .bool(t.leaked))])
        default:
            return nil
        }
    }
}
