# syntax=docker/dockerfile:1
# General-pool silo. Build from the repository root: docker build -f docker/silo.Dockerfile -t videoplatform/silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /repo
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/Silo/VideoPlatform.Silo.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# HTTP (/healthz, /readyz, /metrics) on 8080; Orleans silo 11111 and gateway 30000 (VideoPlatform:Clustering).
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080 11111 30000
USER $APP_UID
ENTRYPOINT ["dotnet", "VideoPlatform.Silo.dll"]
