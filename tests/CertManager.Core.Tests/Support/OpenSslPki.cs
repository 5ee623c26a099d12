using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using CertManager.Testing;

namespace CertManager.Core.Tests.Support;

/// <summary>
/// Certificates made by the openssl CLI at run time, as a real CA and a real administrator would make them:
/// an issuing CA with every name field, a leaf it signed with DNS and IP alternative names, and an EC
/// certificate whose subject attributes are encoded in reverse order. Shared by a test class; nothing is checked in.
/// </summary>
public sealed class OpenSslPki : IDisposable
{
    public const string CaSubject = "/C=CA/ST=Ontario/L=Toronto/O=Example Corp/OU=IT/CN=Example Issuing CA/emailAddress=pki@example.com";

    /// <summary>Attributes in reverse order, a blank OU (a single space) and no ST, L or emailAddress.</summary>
    public const string LeafSubject = "/CN=www.example.com/OU= /O=Example Corp/C=CA";

    /// <summary>The top bit is set, so DER pads the INTEGER with a 0x00 sign octet that openssl does not print.</summary>
    public const string LeafSerial = "0xC2AABBCCDDEEFF00112233445566778899";

    public const string ReversedSubject = "/emailAddress=ops@example.com/CN=Reversed Example/OU=Ops/OU=IT/O=Example Corp/L=Toronto/ST=Ontario/C=CA";

    private readonly TempDirectory _directory = new("certmanager-openssl-pki");

    public OpenSslPki()
    {
        Run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
            "-keyout", "ca.key", "-out", "ca.pem", "-subj", CaSubject,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");

        Run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", LeafSubject);
        File.WriteAllText(_directory.File("leaf.ext"),
            "subjectAltName=DNS:www.example.com,DNS:example.com,IP:192.0.2.10,IP:2001:db8::1\n" +
            "extendedKeyUsage=serverAuth\n" +
            "basicConstraints=critical,CA:FALSE\n");
        Run("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", LeafSerial,
            "-days", "90", "-sha256", "-extfile", "leaf.ext", "-out", "leaf.pem");

        Run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-sha256", "-days", "30",
            "-keyout", "reversed.key", "-out", "reversed.pem", "-subj", ReversedSubject);
    }

    public string CaPath => _directory.File("ca.pem");

    public string LeafPath => _directory.File("leaf.pem");

    public string ReversedPath => _directory.File("reversed.pem");

    public X509Certificate2 LoadCa() => X509Certificate2.CreateFromPem(File.ReadAllText(CaPath));

    public X509Certificate2 LoadLeaf() => X509Certificate2.CreateFromPem(File.ReadAllText(LeafPath));

    public X509Certificate2 LoadReversed() => X509Certificate2.CreateFromPem(File.ReadAllText(ReversedPath));

    /// <summary>What <c>openssl x509 -noout -&lt;option&gt;</c> prints after the '=' for one certificate, e.g. the serial.</summary>
    public string Print(string certificatePath, params string[] options)
    {
        var output = Run(["x509", "-in", certificatePath, "-noout", .. options]).Trim();
        return output[(output.IndexOf('=', StringComparison.Ordinal) + 1)..];
    }

    public string Text(string certificatePath) => Run("x509", "-in", certificatePath, "-noout", "-text");

    /// <summary>openssl's <c>-enddate</c>/<c>-startdate</c> form, e.g. <c>Dec 26 12:00:00 2026 GMT</c>.</summary>
    public static DateTimeOffset ParseOpenSslDate(string value) =>
        DateTimeOffset.ParseExact(
            string.Join(' ', value.Replace(" GMT", string.Empty, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            "MMM d HH:mm:ss yyyy",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);

    public void Dispose() => _directory.Dispose();

    private string Run(params string[] arguments) => OpenSsl.Run(_directory.Path, arguments);
}
