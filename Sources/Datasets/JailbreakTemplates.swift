import Foundation

/// A named jailbreak template: text with one `{prompt}` slot where the request goes.
public struct JailbreakTemplate: Equatable, Sendable {
    /// The file's path under the templates folder without `.yaml` (`aim`, `in_the_wild/...`).
    public let id: String
    public let name: String
    public let text: String
    /// `pyrit` for the top folder, else the sub-folder (`in_the_wild`, `pliny`, `Arth_Singh`).
    public let group: String
    public let description: String
    /// Where PyRIT says the template came from.
    public let origin: String

    public static let slot = "{prompt}"

    public init(id: String, name: String, text: String, group: String = "", description: String = "", origin: String = "") {
        self.id = id
        self.name = name
        self.text = text
        self.group = group
        self.description = description
        self.origin = origin
    }

    /// The template with every slot replaced by `prompt`.
    public func apply(_ prompt: String) -> String {
        text.replacingOccurrences(of: Self.slot, with: prompt)
    }
}

/// PyRIT's jailbreak templates (`pyrit/datasets/jailbreak/templates/**/*.yaml`): 90 at the top and
/// in small sub-folders, 488 collected "in the wild". Each YAML has name, description, source,
/// parameters and value; PyRIT's Jinja slot `{{ prompt }}` becomes `{prompt}`. Templates with
/// parameters other than `prompt` (PyRIT's `multi_parameter` ones) are left out and counted.
enum JailbreakTemplates {
    static let folder = "pyrit-1.1.0/pyrit/datasets/jailbreak/templates"
    static let groups = ["pyrit", "in_the_wild", "pliny", "Arth_Singh", "multi_parameter"]

    static func load(_ files: DataFiles, group: String?) throws -> (templates: [JailbreakTemplate], skipped: Int) {
        if let group, !groups.contains(group) {
            throw DataError("jailbreak_templates: subset must be one of \(groups.joined(separator: ", ")), not \"\(group)\"")
        }
        var templates: [JailbreakTemplate] = []
        var skipped = 0
        let slot = try NSRegularExpression(pattern: "\\{\\{\\s*prompt\\s*\\}\\}")
        for relative in try files.files(in: folder, suffix: ".yaml", recursive: true) {
            let inner = String(relative.dropFirst(folder.count + 1))
            let parts = inner.split(separator: "/")
            let templateGroup = parts.count > 1 ? String(parts[0]) : "pyrit"
            if let group, group != templateGroup { continue }
            let yaml = try YAMLFile(text: try files.text(relative), file: files.path(relative))
            let parameters = try yaml.strings(yaml.root, "parameters")
            guard parameters == ["prompt"] else { skipped += 1; continue }
            let value = try yaml.string(yaml.root, "value")
            let range = NSRange(value.startIndex..., in: value)
            let text = slot.stringByReplacingMatches(in: value, range: range, withTemplate: JailbreakTemplate.slot)
            guard text.contains(JailbreakTemplate.slot) else {
                throw yaml.fail(yaml.root, "the template declares a prompt parameter but has no {{ prompt }} slot")
            }
            templates.append(JailbreakTemplate(
                id: (inner as NSString).deletingPathExtension, name: yaml.optionalString(yaml.root, "name") ?? inner,
                text: text, group: templateGroup,
                description: yaml.optionalString(yaml.root, "description") ?? "",
                origin: yaml.optionalString(yaml.root, "source") ?? ""))
        }
        return (templates, skipped)
    }
}
