using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Testing;

namespace CertManager.Core.Tests.Csr;

/// <summary>openssl as referee for CSRs: reads them, and signs them with a CA made at run time.</summary>
internal static class OpenSslCsr
{
    public static string WriteCsr(TempDirectory directory, string pem, string name = "server.csr")
    {
        var path = directory.File(name);
        File.WriteAllText(path, pem);
        return path;
    }

    public static string Text(TempDirectory directory, string csrPath) =>
        OpenSsl.Run(directory.Path, "req", "-in", csrPath, "-noout", "-text");

    /// <summary>The subjectAltName line of <c>openssl ... -text</c>, e.g. "DNS:a, IP Address:192.168.1.10".</summary>
    public static string AlternateNamesLine(string text)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, line => line.Contains("X509v3 Subject Alternative Name", StringComparison.Ordinal));
        Assert.True(index >= 0, "openssl shows no Subject Alternative Name:\n" + text);
        return lines[index + 1].Trim();
    }

    /// <summary>SHA-256 of the DER public key as openssl extracts it, for comparing with our fingerprint.</summary>
    public static string PublicKeySha256(TempDirectory directory, string csrPath)
    {
        var pem = directory.File("pub.pem");
        var der = directory.File("pub.der");
        OpenSsl.Run(directory.Path, "req", "-in", csrPath, "-noout", "-pubkey", "-out", pem);
        OpenSsl.Run(directory.Path, "pkey", "-pubin", "-in", pem, "-outform", "DER", "-out", der);
        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(der)));
    }

    /// <summary>Makes a CA with openssl and issues a 90-day certificate for <paramref name="csrPath"/>, copying its extensions.</summary>
    public static X509Certificate2 SignWithNewCa(TempDirectory directory, string csrPath)
    {
        OpenSsl.Run(directory.Path, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=CertManager Test CA", "-days", "30");
        OpenSsl.Run(directory.Path, "x509", "-req", "-in", csrPath, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-copy_extensions", "copy", "-days", "90", "-out", "issued.pem");
        return X509Certificate2.CreateFromPem(File.ReadAllText(directory.File("issued.pem")));
    }

    public static X509Certificate2 LoadCa(TempDirectory directory) => X509Certificate2.CreateFromPem(File.ReadAllText(directory.File("ca.pem")));
}
