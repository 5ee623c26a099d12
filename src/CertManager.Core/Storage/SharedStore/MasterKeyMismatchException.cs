namespace CertManager.Core.Storage.SharedStore;

/// <summary>A node's master key differs from the one the shared store's keys were encrypted with; the message says what to copy where.</summary>
public sealed class MasterKeyMismatchException(string message, Exception innerException) : InvalidOperationException(message, innerException);
