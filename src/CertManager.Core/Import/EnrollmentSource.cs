namespace CertManager.Core.Import;

/// <summary>The kinds of certificate source that obtain a certificate by themselves, rather than an upload.</summary>
public enum EnrollmentKind
{
    Scep,
    Acme,
    Fleet,
}

/// <summary>
/// Where enrolled material came from: the kind of source and the CA (or edge console) it was obtained from, by host.
/// Carried as a value so that the chain picture names the source without reading it back out of message text.
/// </summary>
public sealed record EnrollmentSource(EnrollmentKind Kind, string Authority)
{
    /// <summary>How messages name the material ("SCEP enrollment from ca.example.com").</summary>
    public string Description => Kind switch
    {
        EnrollmentKind.Scep => $"SCEP enrollment from {Authority}",
        EnrollmentKind.Acme => $"ACME order from {Authority}",
        _ => $"the proxy console at {Authority}",
    };

    /// <summary>How a chain card says where its certificate came from ("the SCEP CA (ca.example.com)").</summary>
    public string CameFrom => Kind switch
    {
        EnrollmentKind.Scep => $"the SCEP CA ({Authority})",
        EnrollmentKind.Acme => $"the ACME CA ({Authority})",
        _ => $"the proxy console ({Authority})",
    };

    public override string ToString() => Description;
}
