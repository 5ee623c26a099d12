using System.Net;
using System.Text;

namespace CertManager.Web.Tests.Api;

/// <summary>One API request for the authorization matrix: what it needs and what it answers when allowed.</summary>
public sealed record ApiCall(string Method, string Path, string? Json, IReadOnlyList<string> Scopes, bool AdministratorOnly, HttpStatusCode Allowed, bool Multipart = false)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path.TrimStart('/'));
        if (Multipart)
        {
            // A form without a certificate: authorized callers get the API's 422, which proves the request got in.
            request.Content = new MultipartFormDataContent { { new StringContent(string.Empty), "password" } };
        }
        else if (Json is not null)
        {
            request.Content = new StringContent(Json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public override string ToString() => $"{Method} {Path}";
}
