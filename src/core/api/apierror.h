#pragma once

#include <QMetaType>
#include <QString>

// Every way a call to the API can fail, in one value a person can act on.
struct ApiError
{
    enum Kind {
        NoError,
        Http,              // the server answered with a non-2xx status
        Network,           // no answer: refused, reset, DNS, TLS
        Timeout,           // connect or transfer time-out
        InvalidResponse,   // 2xx, but the body is not what the contract says
        InsecureTransport, // refused before sending: the key would cross plain HTTP
        Cancelled,         // the user aborted
        LocalIo,           // the local side failed, e.g. a download could not be written
        InvalidRequest,    // refused before sending: the request itself makes no sense (an empty id)
    };

    Kind kind = NoError;
    int httpStatus = 0;
    QString type;    // the API's error.type, e.g. invalid_request_error
    QString code;    // the API's error.code, e.g. invalid_api_key
    QString param;   // the API's error.param
    QString message; // the API's own message, or ours when there was no answer
    QString requestId;

    bool isError() const { return kind != NoError; }
    bool isAuthentication() const { return kind == Http && (httpStatus == 401 || httpStatus == 403); }

    // One line, e.g. "HTTP 401 invalid_api_key: Incorrect API key provided (request req_123)".
    QString toString() const;

    // Builds an Http error from a response, reading the API's {"error":{...}} body when there is one.
    static ApiError fromHttpResponse(int status, const QByteArray &body, const QString &requestId);
    static ApiError make(Kind kind, const QString &message, const QString &requestId = QString());
};

Q_DECLARE_METATYPE(ApiError)
