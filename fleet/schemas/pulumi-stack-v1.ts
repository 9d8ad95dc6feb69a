/** The spec of pulumi.com/v1 Stack, from the Pulumi Kubernetes Operator v2.9.0 CRD (deploy/crds/pulumi.com_stacks.yaml), made strict by scripts/pko-stack-schema.ts. Generated: do not edit. */
export const PULUMI_STACK_V1_SCHEMA = {
 "$comment": "The spec of pulumi.com/v1 Stack, from the Pulumi Kubernetes Operator v2.9.0 CRD (deploy/crds/pulumi.com_stacks.yaml), made strict by scripts/pko-stack-schema.ts",
 "type": "object",
 "required": [
  "apiVersion",
  "kind",
  "metadata",
  "spec"
 ],
 "additionalProperties": false,
 "properties": {
  "apiVersion": {
   "const": "pulumi.com/v1"
  },
  "kind": {
   "const": "Stack"
  },
  "metadata": {
   "type": "object",
   "required": [
    "name"
   ],
   "properties": {
    "name": {
     "type": "string",
     "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
     "maxLength": 253
    },
    "namespace": {
     "type": "string"
    },
    "labels": {
     "type": "object",
     "additionalProperties": {
      "type": "string"
     }
    },
    "annotations": {
     "type": "object",
     "additionalProperties": {
      "type": "string"
     }
    }
   },
   "additionalProperties": false
  },
  "spec": {
   "properties": {
    "accessTokenSecret": {
     "type": "string"
    },
    "backend": {
     "type": "string"
    },
    "branch": {
     "type": "string"
    },
    "commit": {
     "type": "string"
    },
    "config": {
     "x-kubernetes-preserve-unknown-fields": true
    },
    "configRef": {
     "additionalProperties": {
      "properties": {
       "json": {
        "type": "boolean"
       },
       "key": {
        "type": "string"
       },
       "name": {
        "type": "string"
       }
      },
      "required": [
       "key",
       "name"
      ],
      "type": "object",
      "additionalProperties": false
     },
     "type": "object"
    },
    "continueResyncOnCommitMatch": {
     "type": "boolean"
    },
    "destroyOnFinalize": {
     "type": "boolean"
    },
    "envRefs": {
     "additionalProperties": {
      "properties": {
       "env": {
        "properties": {
         "name": {
          "type": "string"
         }
        },
        "required": [
         "name"
        ],
        "type": "object",
        "additionalProperties": false
       },
       "filesystem": {
        "properties": {
         "path": {
          "type": "string"
         }
        },
        "required": [
         "path"
        ],
        "type": "object",
        "additionalProperties": false
       },
       "literal": {
        "properties": {
         "value": {
          "type": "string"
         }
        },
        "required": [
         "value"
        ],
        "type": "object",
        "additionalProperties": false
       },
       "secret": {
        "properties": {
         "key": {
          "type": "string"
         },
         "name": {
          "type": "string"
         },
         "namespace": {
          "type": "string"
         }
        },
        "required": [
         "key",
         "name"
        ],
        "type": "object",
        "additionalProperties": false
       },
       "type": {
        "type": "string"
       }
      },
      "required": [
       "type"
      ],
      "type": "object",
      "additionalProperties": false
     },
     "type": "object"
    },
    "envSecrets": {
     "items": {
      "type": "string"
     },
     "type": "array"
    },
    "environment": {
     "items": {
      "type": "string"
     },
     "type": "array",
     "x-kubernetes-list-type": "atomic"
    },
    "envs": {
     "items": {
      "type": "string"
     },
     "type": "array"
    },
    "expectNoRefreshChanges": {
     "type": "boolean"
    },
    "fluxSource": {
     "properties": {
      "dir": {
       "type": "string"
      },
      "sourceRef": {
       "properties": {
        "apiVersion": {
         "type": "string"
        },
        "kind": {
         "type": "string"
        },
        "name": {
         "type": "string"
        }
       },
       "required": [
        "apiVersion",
        "kind",
        "name"
       ],
       "type": "object",
       "additionalProperties": false
      }
     },
     "required": [
      "sourceRef"
     ],
     "type": "object",
     "additionalProperties": false
    },
    "gitAuth": {
     "properties": {
      "accessToken": {
       "properties": {
        "env": {
         "properties": {
          "name": {
           "type": "string"
          }
         },
         "required": [
          "name"
         ],
         "type": "object",
         "additionalProperties": false
        },
        "filesystem": {
         "properties": {
          "path": {
           "type": "string"
          }
         },
         "required": [
          "path"
         ],
         "type": "object",
         "additionalProperties": false
        },
        "literal": {
         "properties": {
          "value": {
           "type": "string"
          }
         },
         "required": [
          "value"
         ],
         "type": "object",
         "additionalProperties": false
        },
        "secret": {
         "properties": {
          "key": {
           "type": "string"
          },
          "name": {
           "type": "string"
          },
          "namespace": {
           "type": "string"
          }
         },
         "required": [
          "key",
          "name"
         ],
         "type": "object",
         "additionalProperties": false
        },
        "type": {
         "type": "string"
        }
       },
       "required": [
        "type"
       ],
       "type": "object",
       "additionalProperties": false
      },
      "basicAuth": {
       "properties": {
        "password": {
         "properties": {
          "env": {
           "properties": {
            "name": {
             "type": "string"
            }
           },
           "required": [
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "filesystem": {
           "properties": {
            "path": {
             "type": "string"
            }
           },
           "required": [
            "path"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "literal": {
           "properties": {
            "value": {
             "type": "string"
            }
           },
           "required": [
            "value"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "secret": {
           "properties": {
            "key": {
             "type": "string"
            },
            "name": {
             "type": "string"
            },
            "namespace": {
             "type": "string"
            }
           },
           "required": [
            "key",
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "type": {
           "type": "string"
          }
         },
         "required": [
          "type"
         ],
         "type": "object",
         "additionalProperties": false
        },
        "userName": {
         "properties": {
          "env": {
           "properties": {
            "name": {
             "type": "string"
            }
           },
           "required": [
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "filesystem": {
           "properties": {
            "path": {
             "type": "string"
            }
           },
           "required": [
            "path"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "literal": {
           "properties": {
            "value": {
             "type": "string"
            }
           },
           "required": [
            "value"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "secret": {
           "properties": {
            "key": {
             "type": "string"
            },
            "name": {
             "type": "string"
            },
            "namespace": {
             "type": "string"
            }
           },
           "required": [
            "key",
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "type": {
           "type": "string"
          }
         },
         "required": [
          "type"
         ],
         "type": "object",
         "additionalProperties": false
        }
       },
       "required": [
        "password",
        "userName"
       ],
       "type": "object",
       "additionalProperties": false
      },
      "githubApp": {
       "properties": {
        "appID": {
         "properties": {
          "env": {
           "properties": {
            "name": {
             "type": "string"
            }
           },
           "required": [
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "filesystem": {
           "properties": {
            "path": {
             "type": "string"
            }
           },
           "required": [
            "path"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "literal": {
           "properties": {
            "value": {
             "type": "string"
            }
           },
           "required": [
            "value"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "secret": {
           "properties": {
            "key": {
             "type": "string"
            },
            "name": {
             "type": "string"
            },
            "namespace": {
             "type": "string"
            }
           },
           "required": [
            "key",
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "type": {
           "type": "string"
          }
         },
         "required": [
          "type"
         ],
         "type": "object",
         "additionalProperties": false
        },
        "installationID": {
         "properties": {
          "env": {
           "properties": {
            "name": {
             "type": "string"
            }
           },
           "required": [
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "filesystem": {
           "properties": {
            "path": {
             "type": "string"
            }
           },
           "required": [
            "path"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "literal": {
           "properties": {
            "value": {
             "type": "string"
            }
           },
           "required": [
            "value"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "secret": {
           "properties": {
            "key": {
             "type": "string"
            },
            "name": {
             "type": "string"
            },
            "namespace": {
             "type": "string"
            }
           },
           "required": [
            "key",
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "type": {
           "type": "string"
          }
         },
         "required": [
          "type"
         ],
         "type": "object",
         "additionalProperties": false
        },
        "privateKey": {
         "properties": {
          "env": {
           "properties": {
            "name": {
             "type": "string"
            }
           },
           "required": [
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "filesystem": {
           "properties": {
            "path": {
             "type": "string"
            }
           },
           "required": [
            "path"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "literal": {
           "properties": {
            "value": {
             "type": "string"
            }
           },
           "required": [
            "value"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "secret": {
           "properties": {
            "key": {
             "type": "string"
            },
            "name": {
             "type": "string"
            },
            "namespace": {
             "type": "string"
            }
           },
           "required": [
            "key",
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "type": {
           "type": "string"
          }
         },
         "required": [
          "type"
         ],
         "type": "object",
         "additionalProperties": false
        }
       },
       "required": [
        "appID",
        "installationID",
        "privateKey"
       ],
       "type": "object",
       "additionalProperties": false
      },
      "sshAuth": {
       "properties": {
        "password": {
         "properties": {
          "env": {
           "properties": {
            "name": {
             "type": "string"
            }
           },
           "required": [
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "filesystem": {
           "properties": {
            "path": {
             "type": "string"
            }
           },
           "required": [
            "path"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "literal": {
           "properties": {
            "value": {
             "type": "string"
            }
           },
           "required": [
            "value"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "secret": {
           "properties": {
            "key": {
             "type": "string"
            },
            "name": {
             "type": "string"
            },
            "namespace": {
             "type": "string"
            }
           },
           "required": [
            "key",
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "type": {
           "type": "string"
          }
         },
         "required": [
          "type"
         ],
         "type": "object",
         "additionalProperties": false
        },
        "sshPrivateKey": {
         "properties": {
          "env": {
           "properties": {
            "name": {
             "type": "string"
            }
           },
           "required": [
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "filesystem": {
           "properties": {
            "path": {
             "type": "string"
            }
           },
           "required": [
            "path"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "literal": {
           "properties": {
            "value": {
             "type": "string"
            }
           },
           "required": [
            "value"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "secret": {
           "properties": {
            "key": {
             "type": "string"
            },
            "name": {
             "type": "string"
            },
            "namespace": {
             "type": "string"
            }
           },
           "required": [
            "key",
            "name"
           ],
           "type": "object",
           "additionalProperties": false
          },
          "type": {
           "type": "string"
          }
         },
         "required": [
          "type"
         ],
         "type": "object",
         "additionalProperties": false
        }
       },
       "required": [
        "sshPrivateKey"
       ],
       "type": "object",
       "additionalProperties": false
      }
     },
     "type": "object",
     "additionalProperties": false
    },
    "gitAuthSecret": {
     "type": "string"
    },
    "prerequisites": {
     "items": {
      "properties": {
       "name": {
        "type": "string"
       },
       "requirement": {
        "properties": {
         "succeededWithinDuration": {
          "type": "string"
         }
        },
        "type": "object",
        "additionalProperties": false
       }
      },
      "required": [
       "name"
      ],
      "type": "object",
      "additionalProperties": false
     },
     "type": "array"
    },
    "preview": {
     "type": "boolean"
    },
    "programRef": {
     "properties": {
      "name": {
       "type": "string"
      }
     },
     "required": [
      "name"
     ],
     "type": "object",
     "additionalProperties": false
    },
    "projectRepo": {
     "type": "string"
    },
    "refresh": {
     "type": "boolean"
    },
    "repoDir": {
     "type": "string"
    },
    "resyncFrequencySeconds": {
     "format": "int64",
     "type": "integer"
    },
    "retryMaxBackoffDurationSeconds": {
     "format": "int64",
     "type": "integer"
    },
    "retryOnUpdateConflict": {
     "type": "boolean"
    },
    "runProgram": {
     "type": "boolean"
    },
    "secrets": {
     "additionalProperties": {
      "type": "string"
     },
     "type": "object"
    },
    "secretsProvider": {
     "type": "string"
    },
    "secretsRef": {
     "additionalProperties": {
      "properties": {
       "env": {
        "properties": {
         "name": {
          "type": "string"
         }
        },
        "required": [
         "name"
        ],
        "type": "object",
        "additionalProperties": false
       },
       "filesystem": {
        "properties": {
         "path": {
          "type": "string"
         }
        },
        "required": [
         "path"
        ],
        "type": "object",
        "additionalProperties": false
       },
       "literal": {
        "properties": {
         "value": {
          "type": "string"
         }
        },
        "required": [
         "value"
        ],
        "type": "object",
        "additionalProperties": false
       },
       "secret": {
        "properties": {
         "key": {
          "type": "string"
         },
         "name": {
          "type": "string"
         },
         "namespace": {
          "type": "string"
         }
        },
        "required": [
         "key",
         "name"
        ],
        "type": "object",
        "additionalProperties": false
       },
       "type": {
        "type": "string"
       }
      },
      "required": [
       "type"
      ],
      "type": "object",
      "additionalProperties": false
     },
     "type": "object"
    },
    "serviceAccountName": {
     "type": "string"
    },
    "shallow": {
     "type": "boolean"
    },
    "stack": {
     "type": "string"
    },
    "targetDependents": {
     "type": "boolean"
    },
    "targets": {
     "items": {
      "type": "string"
     },
     "type": "array"
    },
    "updateTemplate": {
     "properties": {
      "apiVersion": {
       "type": "string"
      },
      "kind": {
       "type": "string"
      },
      "metadata": {
       "properties": {
        "annotations": {
         "additionalProperties": {
          "type": "string"
         },
         "type": "object"
        },
        "creationTimestamp": {
         "format": "date-time",
         "type": "string"
        },
        "deletionGracePeriodSeconds": {
         "format": "int64",
         "type": "integer"
        },
        "deletionTimestamp": {
         "format": "date-time",
         "type": "string"
        },
        "finalizers": {
         "items": {
          "type": "string"
         },
         "type": "array"
        },
        "generateName": {
         "type": "string"
        },
        "generation": {
         "format": "int64",
         "type": "integer"
        },
        "labels": {
         "additionalProperties": {
          "type": "string"
         },
         "type": "object"
        },
        "name": {
         "type": "string"
        },
        "namespace": {
         "type": "string"
        },
        "ownerReferences": {
         "items": {
          "properties": {
           "apiVersion": {
            "type": "string"
           },
           "blockOwnerDeletion": {
            "type": "boolean"
           },
           "controller": {
            "type": "boolean"
           },
           "kind": {
            "type": "string"
           },
           "name": {
            "type": "string"
           },
           "uid": {
            "type": "string"
           }
          },
          "type": "object",
          "additionalProperties": false
         },
         "type": "array"
        },
        "resourceVersion": {
         "type": "string"
        },
        "uid": {
         "type": "string"
        }
       },
       "type": "object",
       "additionalProperties": false
      },
      "spec": {
       "properties": {
        "continueOnError": {
         "type": "boolean"
        },
        "expectNoChanges": {
         "type": "boolean"
        },
        "message": {
         "type": "string"
        },
        "parallel": {
         "format": "int32",
         "type": "integer"
        },
        "refresh": {
         "type": "boolean"
        },
        "remove": {
         "type": "boolean"
        },
        "replace": {
         "items": {
          "type": "string"
         },
         "type": "array"
        },
        "runProgram": {
         "type": "boolean"
        },
        "stackName": {
         "type": "string"
        },
        "target": {
         "items": {
          "type": "string"
         },
         "type": "array"
        },
        "targetDependents": {
         "type": "boolean"
        },
        "ttlAfterCompleted": {
         "type": "string"
        },
        "type": {
         "type": "string"
        },
        "workspaceName": {
         "type": "string"
        }
       },
       "type": "object",
       "additionalProperties": false
      },
      "status": {
       "properties": {
        "conditions": {
         "items": {
          "properties": {
           "lastTransitionTime": {
            "format": "date-time",
            "type": "string"
           },
           "message": {
            "type": "string"
           },
           "observedGeneration": {
            "format": "int64",
            "type": "integer"
           },
           "reason": {
            "type": "string"
           },
           "status": {
            "type": "string"
           },
           "type": {
            "type": "string"
           }
          },
          "type": "object",
          "additionalProperties": false
         },
         "type": "array"
        },
        "endTime": {
         "format": "date-time",
         "type": "string"
        },
        "message": {
         "type": "string"
        },
        "observedGeneration": {
         "format": "int64",
         "type": "integer"
        },
        "outputs": {
         "type": "string"
        },
        "permalink": {
         "type": "string"
        },
        "projectInfo": {
         "properties": {
          "name": {
           "type": "string"
          },
          "runtime": {
           "type": "string"
          }
         },
         "type": "object",
         "additionalProperties": false
        },
        "startTime": {
         "format": "date-time",
         "type": "string"
        }
       },
       "type": "object",
       "additionalProperties": false
      }
     },
     "type": "object",
     "additionalProperties": false
    },
    "useLocalStackOnly": {
     "type": "boolean"
    },
    "workspaceReclaimPolicy": {
     "enum": [
      "Retain",
      "Delete"
     ],
     "type": "string"
    },
    "workspaceTemplate": {
     "type": "object",
     "x-kubernetes-preserve-unknown-fields": true
    }
   },
   "required": [
    "stack"
   ],
   "type": "object",
   "additionalProperties": false
  }
 }
};
