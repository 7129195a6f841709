import Testing

// Placeholder until the ConfemuStorageTests suite is written.
