namespace CertManager.Acme.Issuance;

/// <summary>The steps of an ACME order as the console shows them, in order.</summary>
public enum AcmeStep
{
    OrderCreated,
    ChallengePublished,
    ChallengeValidated,
    Finalizing,
    Issued,
    Downloaded,
}
