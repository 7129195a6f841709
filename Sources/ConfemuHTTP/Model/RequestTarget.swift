import ConfemuFormats

/// A request-target split into its raw parts (http.md §3). The parser builds it from bytes that already
/// passed 2.4 (visible ASCII only), so every part is ASCII text kept byte-exact.
package struct RequestTarget: Sendable, Equatable {
    package enum Form: Sendable, Equatable {
        /// `/path[?query]` (3.1).
        case origin
        /// `http://authority/path[?query]` or `https://...` (3.2).
        case absolute
        /// `*` (3.3); only valid with OPTIONS, which the parser checks.
        case asterisk
    }

    package var form: Form
    /// From the first `/` (after the authority in absolute-form) up to the first `?` or the end; `/` for
    /// an absolute-form target with an empty path; `*` for the asterisk-form (3.6).
    package var rawPath: String
    /// Everything after the first `?`: `""` for `/x?`, nil for `/x` (3.6).
    package var rawQuery: String?
    /// The absolute-form authority (`host[:port]`), nil for the other forms (3.2).
    package var authority: String?

    package init(form: Form, rawPath: String, rawQuery: String?, authority: String?) {
        self.form = form
        self.rawPath = rawPath
        self.rawQuery = rawQuery
        self.authority = authority
    }

    /// Parses a target; nil is `bad-target` (3.1, 3.2, 3.5).
    package init?(_ target: String) {
        self.init(Array(target.utf8)[...])
    }

    package init?(_ bytes: ArraySlice<UInt8>) {
        // http.md 3.5, RFC 9112 §3.2.1: a fragment never travels.
        guard !bytes.isEmpty, !bytes.contains(0x23) else { return nil }
        if bytes.count == 1, bytes.first == 0x2A {
            // http.md 3.3
            self.init(form: .asterisk, rawPath: "*", rawQuery: nil, authority: nil)
            return
        }
        if bytes.first == 0x2F {
            // http.md 3.1, 3.6
            let (path, query) = Self.splitQuery(bytes)
            self.init(form: .origin, rawPath: path, rawQuery: query, authority: nil)
            return
        }
        // http.md 3.2, RFC 9112 §3.2.2: http or https, scheme case-insensitive.
        guard let afterScheme = Self.schemeEnd(bytes) else { return nil }
        let rest = bytes[afterScheme...]
        let authorityEnd = rest.firstIndex(where: { $0 == 0x2F || $0 == 0x3F }) ?? rest.endIndex
        let authority = rest[afterScheme..<authorityEnd]
        // A missing authority, userinfo, or an authority that is not `uri-host [":" port]` with a host.
        guard !authority.contains(0x40), let parts = HostSyntax.split(Array(authority)), !parts.host.isEmpty else {
            return nil
        }
        let pathAndQuery = rest[authorityEnd...]
        if pathAndQuery.first == 0x2F {
            let (path, query) = Self.splitQuery(pathAndQuery)
            self.init(form: .absolute, rawPath: path, rawQuery: query,
                      authority: String(decoding: authority, as: UTF8.self))
        } else {
            // An empty path means "/" (3.2); a "?" may follow the authority directly.
            let (_, query) = Self.splitQuery(pathAndQuery)
            self.init(form: .absolute, rawPath: "/", rawQuery: query,
                      authority: String(decoding: authority, as: UTF8.self))
        }
    }

    /// `rawPath` split on `/` with the leading empty segment dropped, each segment percent-decoded on its
    /// own; a segment with a bad escape or invalid UTF-8 after decoding stays raw (http.md 3.7). `/` gives
    /// `[""]`, `/a/` gives `["a", ""]`; the asterisk-form gives `[]`.
    package static func pathSegments(of rawPath: String) -> [String] {
        let bytes = Array(rawPath.utf8)
        guard bytes.first == 0x2F else { return [] }
        return bytes.dropFirst().split(separator: 0x2F, omittingEmptySubsequences: false).map { segment in
            FormDecoding.percentDecodePathSegment(segment) ?? String(decoding: segment, as: UTF8.self)
        }
    }

    private static func splitQuery(_ bytes: ArraySlice<UInt8>) -> (path: String, query: String?) {
        guard let mark = bytes.firstIndex(of: 0x3F) else {
            return (String(decoding: bytes, as: UTF8.self), nil)
        }
        return (String(decoding: bytes[bytes.startIndex..<mark], as: UTF8.self),
                String(decoding: bytes[(mark + 1)...], as: UTF8.self))
    }

    /// The index after `http://` or `https://` (any letter case), nil for any other start.
    private static func schemeEnd(_ bytes: ArraySlice<UInt8>) -> Int? {
        for scheme in ["http://", "https://"] {
            let prefix = Array(scheme.utf8)
            if bytes.count >= prefix.count,
               zip(bytes, prefix).allSatisfy({ ByteClass.lowercased($0) == $1 }) {
                return bytes.startIndex + prefix.count
            }
        }
        return nil
    }
}
