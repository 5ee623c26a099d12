namespace CertManager.Core.Events;

/// <summary>An event about to be recorded, with what its alert email needs to say.</summary>
public sealed record EventDraft(EventSeverity Severity, string Source, string Message, string Actor)
{
    public string? CertificateFingerprint { get; init; }

    /// <summary>The certificate concerned, for the event's subject column and the alert's body.</summary>
    public CertificateFacts? Certificate { get; init; }

    /// <summary>See <see cref="EventEntry.ConditionKey"/>.</summary>
    public string? ConditionKey { get; init; }

    /// <summary>What the administrator should do; the alert email's last section.</summary>
    public string? Advice { get; init; }
}
