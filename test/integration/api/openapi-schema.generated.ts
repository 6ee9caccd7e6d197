// Generated from the API's OpenAPI document by openapi-typescript (npm run openapi-types): do not edit.
export interface paths {
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The user behind the token
         * @description Profile, admin flag, time zone and Salesforce connection state (never the token).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change display name, time zone, own addresses or language
         * @description The time zone decides which tasks are "today" and "tomorrow" in the Command Center; own addresses tell the emails you send from the replies you receive; the language is the one of the pages and of every message the API answers.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string | null;
                        timeZone?: string;
                        /** @description Further addresses you send email from (aliases, another mailbox): an email from one of them counts as sent by you, one from anyone else as received. */
                        ownAddresses?: string[];
                        /** @description The language of pages and messages: en or es; null follows the browser's Accept-Language. */
                        language?: ("en" | "es") | null;
                    };
                };
            };
            responses: {
                /** @description The user as changed. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/me/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The user's API tokens
         * @description Ids, labels and use times; the tokens themselves are never shown again.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: components["schemas"]["ApiToken"][];
                        };
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Issue another API token
         * @description Answers the token once; only its SHA-256 is kept.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label?: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IssuedApiToken"];
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of my API tokens */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked: requests with it now answer 401. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No live token of yours has this id. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a user and a first API token
         * @description The answer carries the token once; hand it to the user. 409 when the id is taken.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        id?: string;
                        /** Format: email */
                        email: string;
                        displayName?: string | null;
                        /** @default UTC */
                        timeZone?: string;
                        /** @default false */
                        isAdmin?: boolean;
                    };
                };
            };
            responses: {
                /** @description The user and a first token. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                            /** @description The first API token, shown this once. */
                            token: string;
                            tokenId: string;
                        };
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token is not an administrator's (forbidden). A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A user with this id exists (user_exists). */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{userId}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new API token for a user
         * @description For a user who lost theirs; the old ones stay valid until revoked.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IssuedApiToken"];
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token is not an administrator's (forbidden). A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description There is no such user. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/subject-template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Subject template of logged emails
         * @description With the default and the placeholders it may use.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            template: string;
                            isDefault: boolean;
                            defaultTemplate: string;
                            /** @description As written in a template, e.g. {{activity_subject}}. */
                            placeholders: string[];
                        };
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token is not an administrator's (forbidden). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Set the subject template of logged emails
         * @description Placeholders: {{activity_type}}, {{activity_subject}}, {{sales_campaign_name}}, {{sales_campaign_step}}. Subjects are cut at 255 characters and kept on one line.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        template: string;
                    };
                };
            };
            responses: {
                /** @description The template as saved. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            template: string;
                            /** @enum {boolean} */
                            isDefault: false;
                        };
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token is not an administrator's (forbidden). A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/salesforce/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start connecting a Salesforce account
         * @description Answers the Salesforce authorize URL to send the browser to (OAuth 2.0 web server flow) and sets a short-lived cookie that ties the flow to this browser. Salesforce then redirects to /oauth/salesforce/callback.
         */
        get: {
            parameters: {
                query?: {
                    loginHint?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send the browser here; Salesforce sends it back to /oauth/salesforce/callback. */
                            authorizeUrl: string;
                            /**
                             * Format: date-time
                             * @description The sign-in must be finished by then.
                             * @example 2025-03-31T09:00:00Z
                             */
                            expiresAt: string;
                        };
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/salesforce/integration/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start connecting the org's integration user (admin)
         * @description An administrator signs in to Salesforce as a user with "View All Data". One poll per org then covers every syncing user of it and wakes only those whose tasks changed, instead of each user polling with their own connection.
         */
        get: {
            parameters: {
                query?: {
                    loginHint?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send the browser here; Salesforce sends it back to /oauth/salesforce/callback. */
                            authorizeUrl: string;
                            /**
                             * Format: date-time
                             * @description The sign-in must be finished by then.
                             * @example 2025-03-31T09:00:00Z
                             */
                            expiresAt: string;
                        };
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Only an administrator can connect the integration user (admin_only). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/salesforce/connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The Salesforce connection
         * @description connected, username, org, and needsReconnect with the reason.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SalesforceConnection"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Disconnect Salesforce
         * @description Revokes the refresh token at Salesforce (best effort) and forgets it. Tasks stay.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection: components["schemas"]["SalesforceConnection"] | null;
                            wasConnected: boolean;
                            /** @description Salesforce confirmed the revocation. */
                            revoked: boolean;
                            /** @description Why Salesforce did not confirm it, and what to do; the token is forgotten all the same. */
                            revokeError: string | null;
                        };
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sync-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My sync settings
         * @description The saved settings (defaults when never saved), the choice lists, and whether the Salesforce prerequisite is met.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SyncSettingsView"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Save my sync settings
         * @description Validates (400 with fields), refuses to switch anything on without a connected Salesforce account (409), stores the settings, then starts or signals the user's sync workflow. Syncing starts as soon as this answers.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default {
                         *       "mode": "off"
                         *     }
                         */
                        emailLogging?: {
                            /** @enum {string} */
                            mode: "off";
                        } | {
                            /** @enum {string} */
                            mode: "api";
                            /** @default true */
                            logToContacts?: boolean;
                            /** @default true */
                            logToLeads?: boolean;
                            /**
                             * @default all
                             * @enum {string}
                             */
                            multipleMatches?: "all" | "oldest" | "most_recent_activity";
                            /**
                             * @default do_not_log
                             * @enum {string}
                             */
                            noMatch?: "do_not_log" | "create_lead";
                            /** @default true */
                            logReplies?: boolean;
                            /** @default true */
                            linkOpenOpportunities?: boolean;
                            /**
                             * @default task
                             * @enum {string}
                             */
                            logAs?: "task" | "email";
                        } | {
                            /** @enum {string} */
                            mode: "bcc";
                            /** Format: email */
                            address: string;
                        };
                        /**
                         * @default {
                         *       "mode": "do_not_sync"
                         *     }
                         */
                        taskSync?: {
                            /**
                             * @default do_not_sync
                             * @enum {string}
                             */
                            mode?: "do_not_sync" | "two_way";
                        };
                    };
                };
            };
            responses: {
                /** @description Saved and handed to the sync workflow. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            settings: components["schemas"]["SyncSettings"];
                            /** @description Null until the user first saves: the settings are then the defaults. */
                            savedAt: string | null;
                            /** @description When task sync was last switched on. */
                            taskSyncEnabledAt: string | null;
                            taskSyncFirstEnabledAt: string | null;
                            taskSyncDisabledAt: string | null;
                            choices: {
                                taskSync: {
                                    /** @enum {string} */
                                    value: "do_not_sync" | "two_way";
                                    label: string;
                                }[];
                                emailLogging: {
                                    /** @enum {string} */
                                    value: "off" | "api" | "bcc";
                                    label: string;
                                }[];
                                multipleMatches: ("all" | "oldest" | "most_recent_activity")[];
                                noMatch: ("do_not_log" | "create_lead")[];
                            };
                            prerequisites: {
                                salesforceConnected: boolean;
                                /** @enum {string} */
                                salesforceStatus: "not_connected" | "connected" | "needs_reconnect" | "api_disabled" | "inactive";
                                /** @description What to do before sync can work; null when nothing. */
                                message: string | null;
                            };
                            /** @description This save switched task sync on: the first import starts. */
                            taskSyncSwitchedOn: boolean;
                            taskSyncSwitchedOff: boolean;
                            /** @description The user's sync workflow in Temporal. */
                            workflowId: string;
                        };
                    };
                };
                /** @description With BCC logging and no usable address, error.steps says where to find it. The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Something is switched on but no Salesforce account is connected (salesforce_not_connected). */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Saved, but the sync service could not be reached to apply the settings (sync_service_unavailable): save again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my tasks
         * @description Ordered by due date (undated last). A due-date bound leaves undated tasks out.
         */
        get: {
            parameters: {
                query?: {
                    status?: "open" | "complete";
                    dueFrom?: string;
                    dueTo?: string;
                    includeDeleted?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tasks: components["schemas"]["Task"][];
                        };
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a task */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        details?: string | null;
                        dueDate?: string | null;
                        /** @enum {string} */
                        status?: "open" | "complete";
                        /** @enum {string} */
                        priority?: "normal" | "high";
                        reminderAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description The task as stored (names on one line, reminders to the second). */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of my tasks */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description You have no task with this id (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a task */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description You have no task with this id (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a task */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        details?: string | null;
                        dueDate?: string | null;
                        /** @enum {string} */
                        status?: "open" | "complete";
                        /** @enum {string} */
                        priority?: "normal" | "high";
                        reminderAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description The task as changed. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description You have no task with this id (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete a task */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description You have no task with this id (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen a task */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description You have no task with this id (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/command-center": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open tasks due today and tomorrow
         * @description Today and tomorrow are calendar days in the user's time zone (PATCH /api/me to change it); the answer names the days used.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            timeZone: string;
                            /**
                             * Format: date-time
                             * @example 2025-03-31T09:00:00Z
                             */
                            now: string;
                            /**
                             * Format: date
                             * @example 2025-03-31
                             */
                            today: string;
                            /**
                             * Format: date
                             * @example 2025-03-31
                             */
                            tomorrow: string;
                            tasks: {
                                today: components["schemas"]["Task"][];
                                tomorrow: components["schemas"]["Task"][];
                            };
                        };
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sync-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My sync health
         * @description The sync workflow's status query ("not_started" until settings are first saved), the Salesforce connection, how the org's Salesforce changes are found (change events or polling, and why), open sync errors grouped by code with the affected records, and Salesforce API calls in the last 24 hours (the user's, and the org's with its reported limit).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            workflowId: string;
                            workflow: {
                                /** @enum {string} */
                                state: "running";
                                status: components["schemas"]["SyncStatus"];
                            } | {
                                /**
                                 * @description Sync settings were never saved.
                                 * @enum {string}
                                 */
                                state: "not_started";
                                status: null;
                            } | {
                                /** @enum {string} */
                                state: "unreachable";
                                status: null;
                                /** @description The sync service did not answer in time; the rest of the answer is current. */
                                message: string;
                            };
                            salesforce: components["schemas"]["SalesforceConnection"];
                            /** @description How the org's Salesforce changes reach SIA; null without a connected org. */
                            changeDetection: components["schemas"]["ChangeDetection"] | null;
                            errors: {
                                open: number;
                                byCode: components["schemas"]["SyncErrorGroup"][];
                            };
                            apiUsage: {
                                last24h: {
                                    user: number;
                                    /** @description Null without a connected org. */
                                    org: number | null;
                                };
                                /** @description The org's daily API use and limit as Salesforce last reported them. */
                                orgLimit: {
                                    used: number;
                                    limit: number;
                                    /**
                                     * Format: date-time
                                     * @example 2025-03-31T09:00:00Z
                                     */
                                    reportedAt: string;
                                } | null;
                            };
                        };
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sync-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My sync log
         * @description Newest first. For the next page pass before = nextBefore of this one (null on the last page).
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    before?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["SyncLogEntry"][];
                            nextBefore: number | null;
                        };
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/emails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log a sent email to Salesforce
         * @description Hands a sent email (or reply) over for logging with the user's email logging settings. 202 when logging starts (or is already under way), 200 when the same email was handed over before and is already logged or handled; the answer carries the status to poll with GET /api/emails/{id}.
         */
        post: {
            parameters: {
                query?: {
                    direction?: "sent" | "reply" | "received";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "message/rfc822": string;
                };
            };
            responses: {
                /** @description Handed over before, and already logged or handled. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            emailId: string;
                            workflowId: string;
                            /** @enum {string} */
                            direction: "sent" | "reply";
                            size: number;
                            /** @enum {string} */
                            status: "pending" | "logged" | "skipped" | "failed";
                            summary: string | null;
                            detail: components["schemas"]["EmailStatusDetail"] | null;
                            /**
                             * Format: date-time
                             * @example 2025-03-31T09:00:00Z
                             */
                            handedOverAt: string;
                            /**
                             * Format: date-time
                             * @example 2025-03-31T09:00:00Z
                             */
                            updatedAt: string;
                            /** @enum {string} */
                            outcome: "started" | "in-progress" | "already-done";
                            message: string;
                        };
                    };
                };
                /** @description Logging started, or was already under way. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            emailId: string;
                            workflowId: string;
                            /** @enum {string} */
                            direction: "sent" | "reply";
                            size: number;
                            /** @enum {string} */
                            status: "pending" | "logged" | "skipped" | "failed";
                            summary: string | null;
                            detail: components["schemas"]["EmailStatusDetail"] | null;
                            /**
                             * Format: date-time
                             * @example 2025-03-31T09:00:00Z
                             */
                            handedOverAt: string;
                            /**
                             * Format: date-time
                             * @example 2025-03-31T09:00:00Z
                             */
                            updatedAt: string;
                            /** @enum {string} */
                            outcome: "started" | "in-progress" | "already-done";
                            message: string;
                        };
                    };
                };
                /** @description The body is empty (empty_email). The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The user no longer exists (unknown_user). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The email is larger than 10 MiB (email_too_large). The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not a message/rfc822 email (unsupported_media_type). The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/emails/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where a handed-over email was logged
         * @description Status pending, logged (task ids, or the Email to Salesforce address it was relayed to), skipped or failed, with the reason and the fix.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Email"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description You handed over no email with this id. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sync/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resync now
         * @description Asks the running sync workflow for a round at once (records that failed are tried again). "nudged" is false when sync was never switched on.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nudged: boolean;
                            message: string;
                        };
                    };
                };
                /** @description The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request). */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is larger than the server reads (payload_too_large). */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body has a content type this route does not read (unsupported_media_type). */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The sync service could not be reached; no resync was started (sync_service_unavailable). */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/sync-health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every user's sync health (admin)
         * @description Per org: its integration user, how its Salesforce changes are found (change events or polling, and why) and the change events delivered in the last 24 hours. Per user: the Salesforce connection, the sync workflow's phase, last sync and last error, open sync errors by code, and the user's Salesforce API calls in the last 24 hours.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @example 2025-03-31T09:00:00Z
                             */
                            generatedAt: string;
                            orgs: {
                                orgId: string;
                                /** @description The org's integration user, if an admin connected one. */
                                integrationUser: {
                                    username: string;
                                    status: string;
                                } | null;
                                /** @description SIA users connected to this org. */
                                users: number;
                                changeDetection: components["schemas"]["ChangeDetection"];
                                /** @description Change events delivered to this service for the org in the last 24 hours: each counts against the org's daily delivery allocation. */
                                changeEventsLast24h: number;
                            }[];
                            users: {
                                userId: string;
                                email: string;
                                displayName: string | null;
                                salesforce: {
                                    /** @enum {string} */
                                    status: "not_connected" | "connected" | "needs_reconnect" | "api_disabled" | "inactive";
                                    username: string | null;
                                    orgId: string | null;
                                    /** @description Why the state is not "connected", and the fix; null when all is well. */
                                    reason: string | null;
                                };
                                workflow: {
                                    /** @enum {string} */
                                    state: "running";
                                    /** @enum {string} */
                                    phase: "idle" | "initial_import" | "reconciling" | "paused";
                                    /** @enum {string} */
                                    taskSyncMode: "do_not_sync" | "two_way";
                                    /** @enum {string} */
                                    emailLoggingMode: "off" | "api" | "bcc";
                                    lastSyncAt: string | null;
                                    lastError: {
                                        code: string;
                                        message: string;
                                        /**
                                         * Format: date-time
                                         * @example 2025-03-31T09:00:00Z
                                         */
                                        at: string;
                                        title?: string;
                                        fix?: string;
                                    } | null;
                                } | {
                                    /** @enum {string} */
                                    state: "not_started";
                                } | {
                                    /**
                                     * @description The status query did not answer in time.
                                     * @enum {string}
                                     */
                                    state: "unreachable";
                                };
                                errors: {
                                    open: number;
                                    byCode: {
                                        code: string;
                                        count: number;
                                    }[];
                                    latest: {
                                        code: string;
                                        message: string;
                                        /**
                                         * Format: date-time
                                         * @example 2025-03-31T09:00:00Z
                                         */
                                        at: string;
                                    } | null;
                                };
                                apiCallsLast24h: number;
                            }[];
                        };
                    };
                };
                /** @description No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token is not an administrator's (forbidden). */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/salesforce/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Salesforce OAuth callback
         * @description Exchanges the authorization code, reads the Salesforce identity and stores the connection with its refresh token encrypted. Redirects to /settings/salesforce, or answers JSON when the request accepts application/json.
         */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    state?: string;
                    error?: string;
                    error_description?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Connected (asked with Accept: application/json): the user's connection, or the org's integration user. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            connected: true;
                            connection: components["schemas"]["SalesforceConnection"] | null;
                        } | {
                            /** @enum {boolean} */
                            connected: true;
                            /** @description The org's integration user. */
                            integration: {
                                orgId: string;
                                instanceUrl: string;
                                sfUserId: string;
                                username: string;
                                /**
                                 * Format: date-time
                                 * @example 2025-03-31T09:00:00Z
                                 */
                                connectedAt: string;
                                status: string;
                            } | null;
                        };
                    };
                };
                /** @description Connected: back to the settings page. */
                303: {
                    headers: {
                        /** @description /settings/salesforce?salesforce=connected (or ?integration=connected) on the pages' site. */
                        location?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not connected: the code and what to do, as the error shape to a request accepting application/json, else as a page. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "text/html": string;
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description Answers while the server runs; no token needed.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The server runs. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                /** @description The server failed to answer (internal_error); the cause is in its log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiToken: {
            id: string;
            userId: string;
            label: string | null;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
        };
        ChangeDetection: {
            /**
             * @description streaming: Change Data Capture events wake the users whose tasks changed; polling: Salesforce is asked at intervals.
             * @enum {string}
             */
            mode: "streaming" | "polling";
            /** @description Why the org is polled; null while streaming. */
            reason: ("no-integration" | "not-configured" | "cdc-off" | "permission" | "allocation" | "stream-down" | "not-running" | "starting") | null;
            /** @description What Salesforce said when change events could not be used, if anything. */
            detail: string | null;
            /** @description "streaming", or "polling" and why, in the reader's language. */
            label: string;
            /** @description Since when the stream has run without a gap. */
            since: string | null;
            /** @description When the last batch of change events woke its users. */
            lastEventAt: string | null;
        };
        Email: {
            emailId: string;
            workflowId: string;
            /** @enum {string} */
            direction: "sent" | "reply";
            size: number;
            /** @enum {string} */
            status: "pending" | "logged" | "skipped" | "failed";
            summary: string | null;
            detail: components["schemas"]["EmailStatusDetail"] | null;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            handedOverAt: string;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            updatedAt: string;
        };
        EmailProblem: {
            code: string;
            title: string;
            explanation: string;
            fix: string;
            /** @description The other side's own words (Salesforce message, SMTP reply). */
            message?: string;
            whoId?: string;
            /** @description The address of a lead Salesforce refused to create. */
            email?: string;
        };
        EmailStatusDetail: {
            summary: string;
            /** @enum {string} */
            via?: "api" | "bcc";
            reply?: boolean;
            /** @description A reply the user received: logged on its sender (and Cc), never relayed by BCC. */
            received?: boolean;
            /** @description The Salesforce Tasks written, each on a Contact or Lead (whoId) and an open Opportunity (whatId). */
            tasks?: {
                id: string;
                whoId: string;
                whatId: string | null;
            }[];
            /**
             * @description Through the API: written as Tasks, or as a Salesforce email (EmailMessage).
             * @enum {string}
             */
            loggedAs?: "task" | "email";
            /** @description The EmailMessage written (Salesforce creates its activity Task) and its relations to the people it is logged on. */
            emailMessage?: {
                id: string;
                /** @description The open Opportunity it is related to. */
                relatedToId: string | null;
                relations: {
                    id: string;
                    /** @description A Contact, Lead or the user. */
                    relationId: string;
                    /** @description ToAddress, CcAddress or FromAddress. */
                    relationType: string;
                }[];
            };
            /** @description Logged, but not as chosen: as Tasks because the Salesforce org has no Enhanced Email. */
            note?: components["schemas"]["EmailProblem"];
            leadsCreated?: {
                id: string;
                email: string;
            }[];
            /** @description Recipients with no Contact or Lead, not logged. */
            unmatched?: string[];
            /** @description Recipients past the 50th, not considered (Salesforce's own limit). */
            overLimit?: string[];
            /** @description Records Salesforce refused, each with its code and what to do. */
            refusals?: components["schemas"]["EmailProblem"][];
            relayedTo?: string;
            smtpReply?: string;
            /** @description Why it was not logged (or not completely): a refusal names its record. */
            problem?: components["schemas"]["EmailProblem"];
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            writingSince?: string;
        };
        Error: {
            error: {
                /** @description Machine-readable, e.g. invalid_request, unauthorized, not_found, salesforce_not_connected. */
                code: string;
                /** @description For a person: what went wrong and what to do. */
                message: string;
                /** @description With invalid_request: each offending field. */
                fields?: components["schemas"]["FieldError"][];
                /** @description Where a setting needs something found elsewhere (the Email to Salesforce address): the steps to find it. */
                steps?: string[];
            };
        };
        FieldError: {
            /** @description Dotted path of the offending input, e.g. `dueDate` or `emailLogging.address`; `(body)`, `(query)` or `(path)` for the whole part. */
            field: string;
            /** @description What is wrong with it and how to put it right, for a person. */
            message: string;
        };
        IssuedApiToken: {
            id: string;
            userId: string;
            label: string | null;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
            /** @description The token itself, shown this once: send it as "Authorization: Bearer <token>". */
            token: string;
        };
        SalesforceConnection: {
            /** @enum {string} */
            status: "not_connected" | "connected" | "needs_reconnect" | "api_disabled" | "inactive";
            /** @description An account is connected (its token is stored), whatever its health. */
            connected: boolean;
            needsReconnect: boolean;
            /** @description Why the state is not "connected", and the fix; null when all is well. */
            reason: string | null;
            username: string | null;
            orgId: string | null;
            sfUserId: string | null;
            instanceUrl: string | null;
            connectedAt: string | null;
            statusAt: string | null;
        };
        SyncErrorGroup: {
            /** @description Salesforce error code (FIELD_CUSTOM_VALIDATION_EXCEPTION, invalid_grant …) or our own. */
            code: string;
            /** @description What the latest error of this code means and what to do. */
            explanation: string;
            count: number;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            lastSeenAt: string;
            /** @description The affected records, most recently seen first. */
            errors: {
                id: number;
                userId: string;
                /** @description The record that failed: task:<siaTaskId>, sf:<sfTaskId>, email:<emailId> or connection. */
                key: string;
                code: string;
                /** @description As Salesforce (or the mail server) said it. */
                message: string;
                explanation: string;
                siaTaskId: string | null;
                sfTaskId: string | null;
                /**
                 * Format: date-time
                 * @example 2025-03-31T09:00:00Z
                 */
                firstSeenAt: string;
                /**
                 * Format: date-time
                 * @example 2025-03-31T09:00:00Z
                 */
                lastSeenAt: string;
                attempts: number;
                resolvedAt: string | null;
            }[];
        };
        SyncLogEntry: {
            id: number;
            userId: string;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            at: string;
            /** @enum {string} */
            direction: "sia_to_sf" | "sf_to_sia" | "both" | "system";
            /** @enum {string} */
            action: "create" | "update" | "complete" | "delete" | "restore" | "link" | "conflict" | "skip" | "error" | "info";
            siaTaskId: string | null;
            sfTaskId: string | null;
            message: string;
            /** @description Plain data about the entry, e.g. a merge decision {field, sia, sf, winner, reason}; null when none. */
            detail: unknown;
        };
        SyncSettings: {
            /**
             * @default {
             *       "mode": "off"
             *     }
             */
            emailLogging: {
                /** @constant */
                mode: "off";
            } | {
                /** @constant */
                mode: "api";
                /** @default true */
                logToContacts: boolean;
                /** @default true */
                logToLeads: boolean;
                /**
                 * @default all
                 * @enum {string}
                 */
                multipleMatches: "all" | "oldest" | "most_recent_activity";
                /**
                 * @default do_not_log
                 * @enum {string}
                 */
                noMatch: "do_not_log" | "create_lead";
                /** @default true */
                logReplies: boolean;
                /** @default true */
                linkOpenOpportunities: boolean;
                /**
                 * @default task
                 * @enum {string}
                 */
                logAs: "task" | "email";
            } | {
                /** @constant */
                mode: "bcc";
                /** Format: email */
                address: string;
            };
            /**
             * @default {
             *       "mode": "do_not_sync"
             *     }
             */
            taskSync: {
                /**
                 * @default do_not_sync
                 * @enum {string}
                 */
                mode: "do_not_sync" | "two_way";
            };
        };
        SyncSettingsView: {
            settings: components["schemas"]["SyncSettings"];
            /** @description Null until the user first saves: the settings are then the defaults. */
            savedAt: string | null;
            /** @description When task sync was last switched on. */
            taskSyncEnabledAt: string | null;
            taskSyncFirstEnabledAt: string | null;
            taskSyncDisabledAt: string | null;
            choices: {
                taskSync: {
                    /** @enum {string} */
                    value: "do_not_sync" | "two_way";
                    label: string;
                }[];
                emailLogging: {
                    /** @enum {string} */
                    value: "off" | "api" | "bcc";
                    label: string;
                }[];
                multipleMatches: ("all" | "oldest" | "most_recent_activity")[];
                noMatch: ("do_not_log" | "create_lead")[];
            };
            prerequisites: {
                salesforceConnected: boolean;
                /** @enum {string} */
                salesforceStatus: "not_connected" | "connected" | "needs_reconnect" | "api_disabled" | "inactive";
                /** @description What to do before sync can work; null when nothing. */
                message: string | null;
            };
        };
        SyncStatus: {
            userId: string;
            /** @enum {string} */
            phase: "idle" | "initial_import" | "reconciling" | "paused";
            settings: {
                /**
                 * @default {
                 *       "mode": "off"
                 *     }
                 */
                emailLogging: {
                    /** @constant */
                    mode: "off";
                } | {
                    /** @constant */
                    mode: "api";
                    /** @default true */
                    logToContacts: boolean;
                    /** @default true */
                    logToLeads: boolean;
                    /**
                     * @default all
                     * @enum {string}
                     */
                    multipleMatches: "all" | "oldest" | "most_recent_activity";
                    /**
                     * @default do_not_log
                     * @enum {string}
                     */
                    noMatch: "do_not_log" | "create_lead";
                    /** @default true */
                    logReplies: boolean;
                    /** @default true */
                    linkOpenOpportunities: boolean;
                    /**
                     * @default task
                     * @enum {string}
                     */
                    logAs: "task" | "email";
                } | {
                    /** @constant */
                    mode: "bcc";
                    /** Format: email */
                    address: string;
                };
                /**
                 * @default {
                 *       "mode": "do_not_sync"
                 *     }
                 */
                taskSync: {
                    /**
                     * @default do_not_sync
                     * @enum {string}
                     */
                    mode: "do_not_sync" | "two_way";
                };
            };
            settingsVersion: number;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            settingsSavedAt: string;
            settingsChangesApplied: number;
            generation: number;
            lastError: {
                code: string;
                message: string;
                /**
                 * Format: date-time
                 * @example 2025-03-31T09:00:00Z
                 */
                at: string;
                title?: string;
                fix?: string;
            } | null;
            taskSync?: {
                /** @enum {string} */
                stage: "initial_import" | "catch_up" | "reconciling";
                /**
                 * Format: date-time
                 * @example 2025-03-31T09:00:00Z
                 */
                enabledAt: string;
                lastSyncAt: string | null;
                lastActivityAt: string | null;
                totals: {
                    toSalesforce: number;
                    toSia: number;
                    conflicts: number;
                    failed: number;
                    salesforceCalls: number;
                };
                /** @description The user's share of the org's daily API allowance left; null until a pull saw the org's usage. */
                budget?: {
                    fractionLeft: number;
                    exhausted: boolean;
                } | null;
            } | null;
        };
        Task: {
            id: string;
            userId: string;
            name: string;
            details: string | null;
            dueDate: string | null;
            /** @enum {string} */
            status: "open" | "complete";
            /** @enum {string} */
            priority: "normal" | "high";
            reminderAt: string | null;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            updatedAt: string;
            deletedAt: string | null;
            createdSeq: number;
            changeSeq: number;
            /**
             * @description Where the task was made.
             * @enum {string}
             */
            origin: "sia" | "salesforce";
        };
        User: {
            id: string;
            email: string;
            displayName: string | null;
            /** @description IANA time zone, e.g. Europe/Madrid: it decides which tasks are "today" in the Command Center. */
            timeZone: string;
            isAdmin: boolean;
            /** @description Grows with every change of the user's tasks. */
            changeSeq: number;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2025-03-31T09:00:00Z
             */
            updatedAt: string;
            salesforce: {
                /** @enum {string} */
                status: "not_connected" | "connected" | "needs_reconnect" | "api_disabled" | "inactive";
                statusDetail: string | null;
                statusAt: string | null;
                instanceUrl: string | null;
                sfUserId: string | null;
                orgId: string | null;
                username: string | null;
                /** @description The Salesforce user's email: one of the user's own addresses when telling sent email from received replies. */
                email: string | null;
                connectedAt: string | null;
            };
            /** @description Further addresses the user sends email from, beside `email` and the Salesforce user's email. */
            ownAddresses: string[];
            /** @description The language chosen for pages and messages; null follows the browser's Accept-Language (English when it names neither en nor es). */
            language: ("en" | "es") | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
