// SPDX-License-Identifier: BSD-3-Clause
// The authorization request operations of Client (issue 4): pushed authorization requests.
#include "core/client_p.h"

#include "flows/authorizationrequest_p.h"

#include <QtCore/QLoggingCategory>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcClientFlow, "oauth4qt.client.par", QtWarningMsg)

JsonReply *Client::pushAuthorizationRequest(const Parameters &parameters)
{
    auto *reply = new JsonReply(this);
    QPointer<JsonReply> guard(reply);
    ClientPrivate *dd = d.get();
    // DPoP (RFC 9449 G1/H3): the proof and the one use_dpop_nonce retry are the transport's,
    // wired by ClientPrivate::send for every request that needs a proof.
    dd->send(
        reply,
        [dd, parameters](Error *error) {
            return buildPushedAuthorizationRequest(parameters, dd->endpointContext(), error);
        },
        [guard](const HttpResponse &response) {
            if (!guard || guard->isFinished())
                return;
            Error e;
            const QJsonObject result = processPushedAuthorizationResponse(response, &e);
            if (e)
                qCDebug(lcClientFlow) << "pushed authorization request failed:" << e;
            else
                guard->setResult(result);
            ReplyPrivate::get(guard)->finish(e);
        },
        ProfileOperation::Authorization);
    return reply;
}

} // namespace OAuth4Qt
