import ConfemuEngine
import ConfemuFormats
import ConfemuSupport
import Foundation

/// The mails of jitsi-admin.md §8, recorded in the outbox.
enum JitsiMail {
    enum Kind {
        case invitation
        case edited
        case cancelled
    }

    static func send(_ kind: Kind, room: RoomRecord, recipient: UserRecord, moderator: UserRecord?, method: String,
                     scope: RequestScope, tx: TransactionContext) throws {
        let joinBrowser = "\(scope.joinBase)/room/join/b/\(room.id)"
        let joinApp = "\(scope.joinBase)/room/join/a/\(room.id)"
        let moderatorEmail = moderator?.email ?? ""
        let event: String
        let subject: String
        let headline: String
        switch kind {
        case .invitation:
            event = JitsiEvent.mailInvitation
            subject = "[Videoconference] There is an invitation to the videoconference \(room.name)."
            headline = "You have been invited to the video conference \(room.name)."
        case .edited:
            event = JitsiEvent.mailEdited
            subject = "[Videoconference] The videoconference \(room.name) was edited."
            headline = "The video conference \(room.name) was edited."
        case .cancelled:
            event = JitsiEvent.mailCancelled
            subject = "[Videoconference] The videoconference \(room.name) was cancelled."
            headline = "The video conference \(room.name) was cancelled."
        }
        var lines = [
            headline, "", "Name: \(room.name)", "Moderator: \(moderatorEmail)",
            "Start: \(room.start.mail(abbreviation: scope.abbreviation(room.start)))",
            "End: \(room.end.mail(abbreviation: scope.abbreviation(room.end)))",
            "Conference ID: \(room.conferenceID)",
        ]
        if kind != .cancelled {
            lines += ["", "Join in the browser: \(joinBrowser)", "Join with the app: \(joinApp)"]
        }
        let body = lines.joined(separator: "\n")
        let ics = ICSWriter.calendar(room: room, body: body, method: method, moderator: moderator,
                                     joinBrowser: joinBrowser, nowSeconds: scope.nowSeconds,
                                     startInstant: scope.instant(room.start), endInstant: scope.instant(room.end))
        let details: JSONValue = [
            "cc": .array([]),
            "replyTo": .string(moderatorEmail),
            "subject": .string(subject),
            "ics": .string(ics),
            "icsFilename": .string(ICSWriter.filename(room.name)),
            "icsMethod": .string(method),
            "roomUid": .string(room.uid),
        ]
        try tx.enqueue(.mail(event: event, to: recipient.email, body: body, details: details))
    }
}
