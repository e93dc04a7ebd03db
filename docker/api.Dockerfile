# syntax=docker/dockerfile:1
# The Api. Build from the repository root: docker build -f docker/api.Dockerfile -t videoplatform/api .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /repo
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/Api/VideoPlatform.Api.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# HTTP (the API, uploads, playback, /healthz, /readyz) on 8080.
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "VideoPlatform.Api.dll"]
