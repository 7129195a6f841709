import ConfemuFormats

/// Twig's `escape('html')`: `&` `<` `>` `"` `'`, the apostrophe written `&#039;` (jitsi-admin.md §9).
enum HTMLEscape {
    static func escape(_ text: String) -> String { HTMLEscaping.escape(text, apostrophe: "&#039;") }
}
