using CertManager.Core.Csr;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Csr;

/// <summary>Forms and result helpers shared by the CSR tests.</summary>
internal static class CsrForms
{
    public static CsrForm Full => new()
    {
        Country = "CA",
        State = "Ontario",
        Locality = "Toronto",
        Organization = "Example Inc.",
        OrganizationalUnit = "IT",
        CommonName = "server.example.com",
        AlternateNames = ["www.example.com", "192.168.1.10"],
    };

    public static CsrForm Minimal(string commonName = "server.example.com") => new() { CommonName = commonName };

    public static IReadOnlyList<string> Codes(this Result<ValidatedCsrRequest> result) => result.Problems.Select(p => p.Code).ToList();

    public static IReadOnlyList<string> ErrorCodes(this Result<ValidatedCsrRequest> result) =>
        result.Problems.Where(p => p.Severity == Severity.Error).Select(p => p.Code).ToList();
}
