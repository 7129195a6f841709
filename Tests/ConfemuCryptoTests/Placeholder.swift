import Testing

// Placeholder until the ConfemuCryptoTests suite is written.
