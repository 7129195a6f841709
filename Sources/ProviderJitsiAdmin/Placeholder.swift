import ConfemuSupport

// Placeholder until the module is written.
enum ProviderJitsiAdminModulePlaceholder {}
