import Datasets

/// A jailbreak template as a Spar value (`data.load("jailbreak_templates")`, `data.template(name,
/// text)`): text with a `{prompt}` slot; `t.apply(prompt)` fills it.
final class TemplateValue: NativeValue {
    let template: JailbreakTemplate

    init(_ template: JailbreakTemplate) { self.template = template }

    var typeName: String { "template" }
    var summary: String { "<template \(template.name)\(template.group.isEmpty ? "" : " (\(template.group))")>" }
    var showText: String {
        [summary, "  id: \(template.id)", template.origin.isEmpty ? nil : "  origin: \(template.origin)",
         template.description.isEmpty ? nil : "  \(template.description)", "", template.text]
            .compactMap { $0 }.joined(separator: "\n")
    }

    static let members: [(String, String)] = [
        ("apply", "t.apply(prompt): the template with its {prompt} slot filled"),
        ("name", "t.name: the template's name (AIM, ...)"),
        ("id", "t.id: its file under PyRIT's templates folder, without .yaml"),
        ("text", "t.text: the template text with its {prompt} slot"),
        ("group", "t.group: pyrit, in_the_wild, pliny, Arth_Singh or custom"),
        ("category", "t.category: the same as t.group (the field records of every data set have)"),
        ("source", "t.source: \"jailbreak_templates\" or \"custom\""),
        ("origin", "t.origin: where PyRIT says the template came from"),
        ("description", "t.description: PyRIT's description"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }
    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "name": return .string(template.name)
        case "id": return .string(template.id)
        case "text": return .string(template.text)
        case "group", "category": return .string(template.group)
        case "source": return .string(template.group == "custom" ? "custom" : "jailbreak_templates")
        case "origin": return .string(template.origin)
        case "description": return .string(template.description)
        default: return nil
        }
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        guard method == "apply" else { return nil }
        try args.expect(1)
        return .string(template.apply(try args.string(0)))
    }

    func equals(_ other: NativeValue) -> Bool {
        (other as? TemplateValue)?.template == template
    }
}
