/// The authentication messages of videsk.md §5.1.
enum VideskAuthMessage {
    static let missing = "Authorization header with valid JWT is required."
    static let malformed = "jwt malformed"
    static let invalidSignature = "invalid signature"
    static let expired = "jwt expired"
    static let revoked = "The integration token it's invalid or was removed."
    static let forbidden = "You don't have access to /vpaas/rooms. Please contact to your administrator."
    static let ipNotAllowed = "Your IP address is not allowed to use this API token."
}
