import Foundation
import ConfemuHTTP

/// The requester's address (videsk.md §4.6).
enum RequesterAddress {
    static func of(_ request: HTTPRequest) -> String {
        var address = request.remoteAddress
        if let forwarded = request.headers.first("X-Forwarded-For"),
           let first = forwarded.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first {
            let trimmed = first.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { address = trimmed }
        }
        // videsk.md §4.6: an IPv4-mapped IPv6 prefix is stripped.
        if address.lowercased().hasPrefix("::ffff:") { address = String(address.dropFirst(7)) }
        return address
    }
}
