/// The API's OpenAPI 3.1 document, served at /api/v1/openapi.json. The tests check every route's
/// responses against its schemas, and that every path it names is served.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "petitions serve",
            "version": "1.0.0",
            "description": "Read-only API of the petition and signatory tracker: campaigns, every reported figure with its provenance, the comparison of outlets against the platform's own count, and trends. Signatories are never served. Every 200 carries an ETag and Cache-Control; send If-None-Match to get 304. Data routes answer CSV with Accept: text/csv or a .csv suffix. Errors are JSON: {\"error\": {\"status\", \"message\", \"parameter\"}}; unknown parameters are refused."
          },
          "paths": {
            "/api/v1/campaigns": {
              "get": {
                "operationId": "listCampaigns",
                "summary": "Every campaign with its reported figures, outlets and the platform's latest count.",
                "responses": {
                  "200": {
                    "description": "The campaigns.",
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/CampaignList"
                        }
                      },
                      "text/csv": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "304": {
                    "description": "Not modified: the If-None-Match tag still names this response."
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              }
            },
            "/api/v1/campaigns/{slug}": {
              "get": {
                "operationId": "getCampaign",
                "summary": "One campaign and links to its resources.",
                "parameters": [
                  {
                    "name": "slug",
                    "in": "path",
                    "required": true,
                    "description": "The campaign's slug, as in /api/v1/campaigns.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The campaign.",
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Campaign"
                        }
                      }
                    }
                  },
                  "304": {
                    "description": "Not modified: the If-None-Match tag still names this response."
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              }
            },
            "/api/v1/campaigns/{slug}/figures": {
              "get": {
                "operationId": "listFigures",
                "summary": "The campaign's figures in id order, a page at a time (keyset cursor).",
                "parameters": [
                  {
                    "name": "slug",
                    "in": "path",
                    "required": true,
                    "description": "The campaign's slug, as in /api/v1/campaigns.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
                    }
                  },
                  {
                    "name": "cursor",
                    "in": "query",
                    "required": false,
                    "description": "next_cursor of the previous page.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "description": "Figures per page, 1 to 1000. Default 100.",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 1000
                    }
                  },
                  {
                    "name": "history",
                    "in": "query",
                    "required": false,
                    "description": "true: every figure with its status (retracted, superseded, rejected, unreviewed). Default: the current view.",
                    "schema": {
                      "type": "boolean"
                    }
                  },
                  {
                    "name": "metric",
                    "in": "query",
                    "required": false,
                    "description": "Only this metric.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "signatures",
                        "verified_signatures",
                        "authors",
                        "goal"
                      ]
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page of figures; the Link header names the next.",
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/FigurePage"
                        }
                      },
                      "text/csv": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "304": {
                    "description": "Not modified: the If-None-Match tag still names this response."
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              }
            },
            "/api/v1/campaigns/{slug}/figures/{id}": {
              "get": {
                "operationId": "getFigure",
                "summary": "One figure with its whole history: corrections, retraction, review.",
                "parameters": [
                  {
                    "name": "slug",
                    "in": "path",
                    "required": true,
                    "description": "The campaign's slug, as in /api/v1/campaigns.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
                    }
                  },
                  {
                    "name": "id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 1
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The figure and its chain of corrections.",
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/FigureHistory"
                        }
                      }
                    }
                  },
                  "304": {
                    "description": "Not modified: the If-None-Match tag still names this response."
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              }
            },
            "/api/v1/campaigns/{slug}/compare": {
              "get": {
                "operationId": "compareCampaign",
                "summary": "Each outlet's latest figure against the platform's count and the consensus, with verdicts and flags.",
                "parameters": [
                  {
                    "name": "slug",
                    "in": "path",
                    "required": true,
                    "description": "The campaign's slug, as in /api/v1/campaigns.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
                    }
                  },
                  {
                    "name": "metric",
                    "in": "query",
                    "required": false,
                    "description": "Only this metric (repeatable).",
                    "schema": {
                      "type": "array",
                      "items": {
                        "type": "string",
                        "enum": [
                          "signatures",
                          "verified_signatures",
                          "authors",
                          "goal"
                        ]
                      }
                    },
                    "style": "form",
                    "explode": true
                  },
                  {
                    "name": "stale_after",
                    "in": "query",
                    "required": false,
                    "description": "How long a newer, different figure must have been out to make one outdated, such as 24h (default).",
                    "schema": {
                      "type": "string"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The comparison.",
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Comparison"
                        }
                      },
                      "text/csv": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "304": {
                    "description": "Not modified: the If-None-Match tag still names this response."
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              }
            },
            "/api/v1/campaigns/{slug}/trend": {
              "get": {
                "operationId": "campaignTrend",
                "summary": "The count over time per source, growth, projections, first reporters and lags behind the platform.",
                "parameters": [
                  {
                    "name": "slug",
                    "in": "path",
                    "required": true,
                    "description": "The campaign's slug, as in /api/v1/campaigns.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
                    }
                  },
                  {
                    "name": "metric",
                    "in": "query",
                    "required": false,
                    "description": "signatures (default), verified_signatures, authors or goal.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "signatures",
                        "verified_signatures",
                        "authors",
                        "goal"
                      ]
                    }
                  },
                  {
                    "name": "bucket",
                    "in": "query",
                    "required": false,
                    "description": "5m, 15m, hour, day or week. Default: picked from the span.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "5m",
                        "15m",
                        "hour",
                        "day",
                        "week"
                      ]
                    }
                  },
                  {
                    "name": "tz",
                    "in": "query",
                    "required": false,
                    "description": "IANA time zone the buckets follow, such as Europe/Rome. Default: UTC.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "since",
                    "in": "query",
                    "required": false,
                    "description": "Start (ISO 8601). Default: the first figure.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "until",
                    "in": "query",
                    "required": false,
                    "description": "End (ISO 8601). Default: the last figure.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "outlet",
                    "in": "query",
                    "required": false,
                    "description": "Only this outlet (repeatable).",
                    "schema": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "style": "form",
                    "explode": true
                  },
                  {
                    "name": "window",
                    "in": "query",
                    "required": false,
                    "description": "Growth and projections use the counts of this last stretch, such as 7d (default) or 24h.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "target",
                    "in": "query",
                    "required": false,
                    "description": "A count to project besides the goal and round thresholds (repeatable).",
                    "schema": {
                      "type": "array",
                      "items": {
                        "type": "integer",
                        "minimum": 1
                      }
                    },
                    "style": "form",
                    "explode": true
                  },
                  {
                    "name": "compare_with",
                    "in": "query",
                    "required": false,
                    "description": "Another campaign set side by side on days since launch (repeatable).",
                    "schema": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "style": "form",
                    "explode": true
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The trend.",
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Trend"
                        }
                      },
                      "text/csv": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "304": {
                    "description": "Not modified: the If-None-Match tag still names this response."
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              }
            },
            "/api/v1/campaigns/{slug}/sources": {
              "get": {
                "operationId": "campaignSources",
                "summary": "The sources the worker polls for the campaign, with their last poll.",
                "parameters": [
                  {
                    "name": "slug",
                    "in": "path",
                    "required": true,
                    "description": "The campaign's slug, as in /api/v1/campaigns.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The sources.",
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/SourceList"
                        }
                      }
                    }
                  },
                  "304": {
                    "description": "Not modified: the If-None-Match tag still names this response."
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  }
                }
              }
            },
            "/api/v1/openapi.json": {
              "get": {
                "operationId": "openAPI",
                "summary": "This document.",
                "responses": {
                  "200": {
                    "description": "The OpenAPI document.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "components": {
            "headers": {
              "ETag": {
                "description": "A weak validator of the body.",
                "schema": {
                  "type": "string"
                }
              },
              "CacheControl": {
                "description": "public, max-age=N.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "responses": {
              "BadRequest": {
                "description": "A parameter is wrong; the message says which and what it takes.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "NotFound": {
                "description": "No such campaign, figure or route.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "Unavailable": {
                "description": "The database is not answering, or the query took too long.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            },
            "schemas": {
              "Error": {
                "type": "object",
                "required": [
                  "error"
                ],
                "properties": {
                  "error": {
                    "type": "object",
                    "required": [
                      "status",
                      "message"
                    ],
                    "properties": {
                      "status": {
                        "type": "integer"
                      },
                      "message": {
                        "type": "string"
                      },
                      "parameter": {
                        "type": "string"
                      }
                    }
                  }
                }
              },
              "Campaign": {
                "type": "object",
                "required": [
                  "slug",
                  "title",
                  "kind",
                  "aliases"
                ],
                "properties": {
                  "slug": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "kind": {
                    "type": "string",
                    "enum": [
                      "petition",
                      "open-letter",
                      "statement"
                    ]
                  },
                  "aliases": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "target": {
                    "type": "string"
                  },
                  "organiser": {
                    "type": "string"
                  },
                  "platform_url": {
                    "type": "string"
                  },
                  "launched": {
                    "type": "string"
                  },
                  "closed": {
                    "type": "string"
                  },
                  "goal": {
                    "type": "integer"
                  },
                  "notes": {
                    "type": "string"
                  },
                  "links": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "string"
                    }
                  }
                }
              },
              "CampaignSummary": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Campaign"
                  },
                  {
                    "type": "object",
                    "required": [
                      "figures",
                      "outlets",
                      "latest_as_of",
                      "platform"
                    ],
                    "properties": {
                      "figures": {
                        "type": "integer"
                      },
                      "outlets": {
                        "type": "integer"
                      },
                      "latest_as_of": {
                        "type": [
                          "string",
                          "null"
                        ]
                      },
                      "platform": {
                        "oneOf": [
                          {
                            "type": "null"
                          },
                          {
                            "type": "object",
                            "required": [
                              "outlet",
                              "value",
                              "as_of"
                            ],
                            "properties": {
                              "outlet": {
                                "type": "string"
                              },
                              "value": {
                                "type": "integer"
                              },
                              "as_of": {
                                "type": "string"
                              }
                            }
                          }
                        ]
                      }
                    }
                  }
                ]
              },
              "CampaignList": {
                "type": "object",
                "required": [
                  "campaigns"
                ],
                "properties": {
                  "campaigns": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/CampaignSummary"
                    }
                  }
                }
              },
              "Figure": {
                "type": "object",
                "required": [
                  "id",
                  "campaign",
                  "outlet",
                  "metric",
                  "value",
                  "qualifier",
                  "as_of",
                  "recorded",
                  "method",
                  "entered_by",
                  "status"
                ],
                "properties": {
                  "id": {
                    "type": "integer"
                  },
                  "campaign": {
                    "type": "string"
                  },
                  "outlet": {
                    "type": "string"
                  },
                  "metric": {
                    "type": "string",
                    "enum": [
                      "signatures",
                      "verified_signatures",
                      "authors",
                      "goal"
                    ]
                  },
                  "value": {
                    "type": "integer"
                  },
                  "high": {
                    "type": "integer"
                  },
                  "qualifier": {
                    "type": "string"
                  },
                  "as_of": {
                    "type": "string"
                  },
                  "published": {
                    "type": "string"
                  },
                  "recorded": {
                    "type": "string"
                  },
                  "url": {
                    "type": "string"
                  },
                  "quote": {
                    "type": "string"
                  },
                  "language": {
                    "type": "string"
                  },
                  "method": {
                    "type": "string"
                  },
                  "entered_by": {
                    "type": "string"
                  },
                  "note": {
                    "type": "string"
                  },
                  "supersedes": {
                    "type": "integer"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "current",
                      "unreviewed",
                      "rejected",
                      "retracted",
                      "superseded"
                    ]
                  }
                }
              },
              "FigurePage": {
                "type": "object",
                "required": [
                  "campaign",
                  "limit",
                  "figures",
                  "next_cursor"
                ],
                "properties": {
                  "campaign": {
                    "type": "string"
                  },
                  "limit": {
                    "type": "integer"
                  },
                  "figures": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Figure"
                    }
                  },
                  "next_cursor": {
                    "type": [
                      "string",
                      "null"
                    ]
                  }
                }
              },
              "FigureHistory": {
                "type": "object",
                "required": [
                  "figure",
                  "chain"
                ],
                "properties": {
                  "figure": {
                    "$ref": "#/components/schemas/Figure"
                  },
                  "chain": {
                    "type": "array",
                    "items": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Figure"
                        },
                        {
                          "type": "object",
                          "required": [
                            "retraction",
                            "review"
                          ],
                          "properties": {
                            "retraction": {
                              "oneOf": [
                                {
                                  "type": "null"
                                },
                                {
                                  "type": "object",
                                  "required": [
                                    "reason",
                                    "by",
                                    "at"
                                  ],
                                  "properties": {
                                    "reason": {
                                      "type": "string"
                                    },
                                    "by": {
                                      "type": "string"
                                    },
                                    "at": {
                                      "type": "string"
                                    }
                                  }
                                }
                              ]
                            },
                            "review": {
                              "oneOf": [
                                {
                                  "type": "null"
                                },
                                {
                                  "type": "object",
                                  "required": [
                                    "decision",
                                    "by",
                                    "at"
                                  ],
                                  "properties": {
                                    "decision": {
                                      "type": "string"
                                    },
                                    "reason": {
                                      "type": [
                                        "string",
                                        "null"
                                      ]
                                    },
                                    "by": {
                                      "type": "string"
                                    },
                                    "at": {
                                      "type": "string"
                                    }
                                  }
                                }
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "ComparedFigure": {
                "type": "object",
                "required": [
                  "id",
                  "outlet",
                  "value",
                  "qualifier",
                  "as_of",
                  "interval",
                  "age_seconds",
                  "status",
                  "flags",
                  "flag_explanations",
                  "reference",
                  "verdict"
                ],
                "properties": {
                  "id": {
                    "type": "integer"
                  },
                  "outlet": {
                    "type": "string"
                  },
                  "value": {
                    "type": "integer"
                  },
                  "high": {
                    "type": [
                      "integer",
                      "null"
                    ]
                  },
                  "qualifier": {
                    "type": "string"
                  },
                  "as_of": {
                    "type": "string"
                  },
                  "published": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "interval": {
                    "type": "object",
                    "required": [
                      "low",
                      "high"
                    ],
                    "properties": {
                      "low": {
                        "type": "integer"
                      },
                      "high": {
                        "type": [
                          "integer",
                          "null"
                        ]
                      }
                    }
                  },
                  "age_seconds": {
                    "type": "integer"
                  },
                  "url": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "status": {
                    "type": "string"
                  },
                  "flags": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "flag_explanations": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "flag",
                        "explanation"
                      ],
                      "properties": {
                        "flag": {
                          "type": "string"
                        },
                        "explanation": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "reference": {
                    "type": "boolean"
                  },
                  "verdict": {
                    "oneOf": [
                      {
                        "type": "null"
                      },
                      {
                        "type": "object",
                        "required": [
                          "kind",
                          "difference",
                          "explanation"
                        ],
                        "properties": {
                          "kind": {
                            "type": "string",
                            "enum": [
                              "consistent",
                              "rounded",
                              "behind",
                              "ahead",
                              "contradicts",
                              "untracked"
                            ]
                          },
                          "difference": {
                            "type": "integer"
                          },
                          "explanation": {
                            "type": "string"
                          }
                        }
                      }
                    ]
                  }
                }
              },
              "Comparison": {
                "type": "object",
                "required": [
                  "campaign",
                  "title",
                  "generated_at",
                  "metrics"
                ],
                "properties": {
                  "campaign": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "generated_at": {
                    "type": "string"
                  },
                  "metrics": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "metric",
                        "consensus",
                        "platform",
                        "spread",
                        "figures"
                      ],
                      "properties": {
                        "metric": {
                          "type": "string",
                          "enum": [
                            "signatures",
                            "verified_signatures",
                            "authors",
                            "goal"
                          ]
                        },
                        "consensus": {
                          "oneOf": [
                            {
                              "type": "null"
                            },
                            {
                              "type": "object",
                              "required": [
                                "low",
                                "high",
                                "point",
                                "supporting",
                                "consistent",
                                "sources",
                                "words"
                              ],
                              "properties": {
                                "low": {
                                  "type": "integer"
                                },
                                "high": {
                                  "type": [
                                    "integer",
                                    "null"
                                  ]
                                },
                                "point": {
                                  "type": [
                                    "integer",
                                    "null"
                                  ]
                                },
                                "supporting": {
                                  "type": "array",
                                  "items": {
                                    "type": "integer"
                                  },
                                  "description": "Ids of the figures that point at it (what they say, an open 'more than N' read as N to N + 10%, overlaps it)."
                                },
                                "consistent": {
                                  "type": "array",
                                  "items": {
                                    "type": "integer"
                                  },
                                  "description": "Ids of the figures that allow it without pointing at it ('more than 11,500' allows 19,001)."
                                },
                                "sources": {
                                  "type": "integer",
                                  "description": "How many outlets' figures were compared."
                                },
                                "words": {
                                  "type": "string"
                                }
                              }
                            }
                          ]
                        },
                        "platform": {
                          "oneOf": [
                            {
                              "type": "null"
                            },
                            {
                              "type": "object",
                              "required": [
                                "id",
                                "outlet",
                                "value",
                                "as_of"
                              ],
                              "properties": {
                                "id": {
                                  "type": "integer"
                                },
                                "outlet": {
                                  "type": "string"
                                },
                                "value": {
                                  "type": "integer"
                                },
                                "as_of": {
                                  "type": "string"
                                }
                              }
                            }
                          ]
                        },
                        "spread": {
                          "oneOf": [
                            {
                              "type": "null"
                            },
                            {
                              "type": "object",
                              "required": [
                                "low",
                                "high",
                                "ratio"
                              ],
                              "properties": {
                                "low": {
                                  "type": "integer"
                                },
                                "high": {
                                  "type": "integer"
                                },
                                "ratio": {
                                  "type": [
                                    "number",
                                    "null"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "figures": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/ComparedFigure"
                          }
                        }
                      }
                    }
                  }
                }
              },
              "Trend": {
                "type": "object",
                "required": [
                  "campaign",
                  "title",
                  "metric",
                  "bucket",
                  "time_zone",
                  "buckets",
                  "series",
                  "growth",
                  "projection",
                  "first_reports",
                  "platform_lags"
                ],
                "properties": {
                  "campaign": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "metric": {
                    "type": "string",
                    "enum": [
                      "signatures",
                      "verified_signatures",
                      "authors",
                      "goal"
                    ]
                  },
                  "bucket": {
                    "type": "string"
                  },
                  "time_zone": {
                    "type": "string"
                  },
                  "buckets": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "series": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "name",
                        "points"
                      ],
                      "properties": {
                        "platform": {
                          "type": "string"
                        },
                        "outlet": {
                          "type": "string"
                        },
                        "name": {
                          "type": "string"
                        },
                        "points": {
                          "type": "array",
                          "items": {
                            "type": "object",
                            "required": [
                              "bucket_start",
                              "value",
                              "low",
                              "high",
                              "qualifier",
                              "phrase",
                              "as_of",
                              "figure_id",
                              "gained",
                              "unchanged"
                            ],
                            "properties": {
                              "bucket_start": {
                                "type": "string"
                              },
                              "value": {
                                "type": "integer"
                              },
                              "low": {
                                "type": "integer"
                              },
                              "high": {
                                "type": [
                                  "integer",
                                  "null"
                                ]
                              },
                              "qualifier": {
                                "type": "string"
                              },
                              "phrase": {
                                "type": "string"
                              },
                              "as_of": {
                                "type": "string"
                              },
                              "figure_id": {
                                "type": "integer"
                              },
                              "gained": {
                                "type": [
                                  "integer",
                                  "null"
                                ]
                              },
                              "unchanged": {
                                "type": "boolean"
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "growth": {
                    "oneOf": [
                      {
                        "type": "null"
                      },
                      {
                        "type": "object"
                      }
                    ]
                  },
                  "projection": {
                    "oneOf": [
                      {
                        "type": "null"
                      },
                      {
                        "type": "object"
                      }
                    ]
                  },
                  "first_reports": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  },
                  "platform_lags": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  },
                  "side_by_side": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  }
                }
              },
              "Source": {
                "type": "object",
                "required": [
                  "id",
                  "campaign",
                  "outlet",
                  "kind",
                  "host",
                  "every_seconds",
                  "metric",
                  "status",
                  "last_polled_at",
                  "count"
                ],
                "properties": {
                  "id": {
                    "type": "integer"
                  },
                  "campaign": {
                    "type": "string"
                  },
                  "outlet": {
                    "type": "string"
                  },
                  "kind": {
                    "type": "string"
                  },
                  "url": {
                    "type": "string"
                  },
                  "every_seconds": {
                    "type": "number"
                  },
                  "metric": {
                    "type": "string",
                    "enum": [
                      "signatures",
                      "verified_signatures",
                      "authors",
                      "goal"
                    ]
                  },
                  "status": {
                    "type": "string"
                  },
                  "last_polled_at": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "last_changed_at": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "last_error": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "count": {
                    "type": [
                      "integer",
                      "null"
                    ]
                  },
                  "count_since": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "count_last_seen": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "next_due": {
                    "type": "string"
                  }
                }
              },
              "SourceList": {
                "type": "object",
                "required": [
                  "campaign",
                  "sources"
                ],
                "properties": {
                  "campaign": {
                    "type": "string"
                  },
                  "sources": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Source"
                    }
                  }
                }
              }
            }
          }
        }
        """#
}
