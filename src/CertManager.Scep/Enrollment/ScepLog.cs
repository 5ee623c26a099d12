using Microsoft.Extensions.Logging;

namespace CertManager.Scep.Enrollment;

/// <summary>Enrollment log lines with stable event ids. Never the enrollment password, the CSR or key material.</summary>
internal static partial class ScepLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "SCEP: contacted {Url}: capabilities {Capabilities}, {CertificateCount} CA/RA certificate(s)")]
    public static partial void Contacted(ILogger logger, Uri url, string capabilities, int certificateCount);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "SCEP: {Url} failed: {Code} {Message}")]
    public static partial void Failed(ILogger logger, Uri url, string code, string message);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "SCEP: {Url} issued '{Subject}' (transaction {TransactionId})")]
    public static partial void Issued(ILogger logger, Uri url, string subject, string transactionId);
}
