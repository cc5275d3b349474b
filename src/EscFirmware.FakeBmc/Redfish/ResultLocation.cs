using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Redfish;

internal static class ResultLocation
{
    /// <summary>Adds a <c>Location</c> header to any result (201 session, 202 task).</summary>
    public static IResult WithLocation(this IResult result, string location) => new Located(result, location);

    private sealed class Located(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
