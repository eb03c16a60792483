// The API document's own example bodies, verbatim (byrobot-task-api.md), typos included:
// tests serve these as the server would, so every quirk the document shows is exercised.

/** 获取任务列表接口 (getTasks) response */
export const TASKS_EXAMPLE = String.raw`{
    "code": 200,
    "data": {
        "pageNum": 2, 
        "pageSize": 2, 
        "size": 2,
        "total": 46, 
        "pages": 23,
        "list": [
            {
                "callJobId": 66, 
                "jobName": "测试任务", 
                "jobType": 2, 
                "startDate": "2017-10-25", 
                "workingStartTime": "09:00:00", 
                "workingEndTime": "21:00:00", 
                "status": 2, 
                "sceneDefId": 1, 
                "remark": "", 
                "totalCount": null, 
                "doneCount": null, 
                "calledCount": null, 
                "rejectedCount": null, 
                "unavailableCount": null,
                "fromUnavailableCount": null,
                "callPhones": null 
            },
            {
                "callJobId": 64,
                "jobName": "测试任务2",
                "jobType": 2,
                "startDate": "2017-10-25",
                "workingStartTime": "09:00:00",
                "workingEndTime": "21:00:00",
                "status": 2,
                "sceneDefId": 1,
                "remark": "",
                "totalCount": null,
                "doneCount": null,
                "calledCount": null,
                "rejectedCount": null,
                "unavailableCount": null,
                "fromUnavailableCount": null,
                "sceneDefName": null,
                "callPhones": null
            }
        ]
    },
    "resultMsg": "操作成功",
    "errorStackTrace": null
}
`

/** 获取任务详情接口 (getTaskDetail) response: not valid JSON as printed (trailing commas in callPhones) */
export const TASK_DETAIL_EXAMPLE = String.raw`{
    "code": 200,
    "data": {
        "callJobId": 19, 
        "jobName": "testJob", 
        "jobType": 2, 
        "startDate": "2017-10-19", 
        "workingStartTime": "08:00:00", 
        "workingEndTime": "22:00:00", 
        "status": 2, 
        "sceneDefId": 1, 
        "remark": "testJobx", 
        "totalCount": 2, 
        "doneCount": 2, 
        "calledCount": 0, 
        "rejectedCount": 0, 
        "unavailableCount": 0, 
        "fromUnavailableCount": 2, 
        "robotDefName": "产品电销", 
        "sceneDefName": "金融催缴", 
        "sceneRecordName": "房产电销优化版(张飞)", 
        "durationStat": [
            {
                "name": "<10s", 
                "value": 22
            }
        ],
        "chatRoundStat": [
            {
                "name": "0-9次", 
                "value": 22
            }
        ],
        "resultDefs": [
            {
                "name": "催缴结果", 
                "values": [
                    "成功",
                    "不成功"
                ]
            }
        ],
        "callPhones": [ 
            {
                "jobPhoneId": 26,
                "userPhoneId": 1,
                "callJobId": 19,
                "phone": "13333333333",
                "phoneName": "sim1",
            },
            {
                "jobPhoneId": 27,
                "userPhoneId": 2,
                "callJobId": 19,
                "phone": "18888888888",
                "phoneName": "sim2",
            }
        ],
        "extraStat": {
           "客户意向等级": [ 
               {
                   "name": "较强",
                   "value": 1
               }
           ],
           "客户关注点": [
               {
                   "name": "位置",
                   "value": 1
               },
               {
                   "name": "其他楼盘",
                   "value": 1
               },
               {
                   "name": "商业配套",
                   "value": 1
               },
               {
                   "name": "户型",
                   "value": 1
               },
               {
                   "name": "环境",
                   "value": 1
               },
               {
                   "name": "能否贷款",
                   "value": 1
               },
               {
                   "name": "询问价格",
                   "value": 1
               }
           ]
       }
    },
    "resultMsg": "操作成功",
    "errorStackTrace": null
}
`

/** queryDoneTaskPhones request body */
export const DONE_CALLS_REQUEST_EXAMPLE = String.raw`
{
  "callJobId" : 62, 
  "durationLeft" : 0, 
  "durationRight" : 100, 
  "chatRoundLeft":0, 
  "chatRoundRight":10, 
  "finishStatus" : 1, 
  "pageNum": 1,    
  "pageSize": 10,    
  "resultQueryList" : [ 
    {
      "name" : "客户意向等级",
      "value" : "A级(较强)"
    }
  ]
}
`

/** 获取已经完成任务电话号码接口 (queryDoneTaskPhones) response: duration as "27秒" */
export const DONE_CALLS_EXAMPLE = String.raw`{
    "code": 200,
    "data": {
        "pageNum": 1,
        "pageSize": 2,
        "size": 2,
        "total": 2,
        "pages": 1,
        "list": [
            {
                "callInstanceId": 493, 
                "sceneDefId": 1, 
                "callJobId": 62, 
                "customerTelephone": "1008", 
                "customerName": "测试02",  
                "status": 2, 
                "finishStatus": 0,
                "duration": "27秒", 
                "chatRound": 0, 
                "startTime": "2017-10-25 11:32:54", 
                "endTime": "2017-10-25 11:33:22", 
                "callerPhone": "15868457106", 
                "luyinOssUrl": "https://jingrobot-dev.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/493.mp3", 
                "secondaryCallTime": "1970-01-01 11:18:13", 
                "secondaryCallTimes": 0, 
                "jobName": "电话任务", 
                "resultList": [ 
                    {
                        "name": "催缴结果",
                        "value": "成功"
                    }
                ]
            },
            {
                "callInstanceId": 489,
                "sceneDefId": 1,
                "callJobId": 62,
                "customerTelephone": "17751279857",
                "customerName": "不弃",
                "status": 2,
                "finishStatus": 0,
                "duration": "11秒",
                "chatRound": 0,
                "startTime": "2017-10-25 11:17:06",
                "endTime": "2017-10-25 11:17:18",
                "callerPhone": "15868457106",
                "luyinOssUrl": "https://jingrobot-dev.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/489.mp3",
                "secondaryCallTime": "1970-01-01 10:59:23",
                "secondaryCallTimes": 1,
                "jobName": "电话任务",
                "resultList": [
                    {
                        "name": "催缴结果",
                        "value": "成功"
                    }
                ]
            }
        ]
    },
    "resultMsg": "操作成功",
    "errorStackTrace": null
}
`

/** notDialedCustomerList request body */
export const NOT_DIALED_REQUEST_EXAMPLE = String.raw`
{
  "pageNum" : 1, 
  "pageSize" : 20,
  "taskId" : 21767
}
`

/** 获取任务未开始的电话列表 (notDialedCustomerList) response: unquoted strings, no total/pages */
export const NOT_DIALED_EXAMPLE = String.raw`{
    "code": 200,
    "data": {
        "pageNum": 1,
        "pageSize": 50,
        "list": [
            {
                "callInstanceId": 493, 
                "customerName": 测试公司客户1, 
                "customerTelephone": 1590000xxxx, 
                "status": 0, 
                "startTime": 2018-01-01 15:34:20,  
                "callerPhone": 测试主叫, 
                "corpName": 测试公司,
                "calledTimes": 1

            },
            {
                "callInstanceId": 494, 
                "customerName": 测试公司客户2, 
                "customerTelephone": 15900000xxxx, 
                "status": 1, 
                "startTime": 2018-01-01 15:34:20,  
                "callerPhone": 测试主叫, 
                "corpName": 测试公司,
                "calledTimes":2 
            }
        ]
    },
    "resultMsg": "操作成功",
    "errorStackTrace": null
}
`

/** 获取一个通话的详情接口 (phoneLogInfo) response: AI line at 0/0, properties as a string */
export const CALL_DETAIL_EXAMPLE = String.raw`{
   "code": 200,
    "data": {
       "phoneLog": {
           "phoneLogs": [ 
               {
                   "sceneInstanceLogId": 1321,
                   "sceneInstanceId": 540, 
                   "speaker": "AI", 
                   "content": "哎，您好，等待2s 哎，您好，拱墅区 中大银泰城边上有个首付50万左右的精装公寓你考虑吗？", 
                   "userMean": null,
                   "userMeanDetail": null,
                   "aiUnknown": 1,
                   "startTime": 0,
                   "endTime": 0
               },
               {
                   "sceneInstanceLogId": 1322,
                   "sceneInstanceId": 540,
                   "speaker": "ME",
                   "content": "喂你好",
                   "userMean": "~",
                   "userMeanDetail": null,
                   "aiUnknown": 0,
                   "startTime": 300,
                   "endTime": 1145
               },
               {
                   "sceneInstanceLogId": 1323,
                   "sceneInstanceId": 540,
                   "speaker": "ME",
                   "content": "哦你好",
                   "userMean": "~",
                   "userMeanDetail": null,
                   "aiUnknown": 0,
                   "startTime": 2330,
                   "endTime": 3565
               }],
         "luyinOssUrl": "https://byrobot-test.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/540/JYSYDCCHVFYYTMGJKKHJAMHARNNBWEJQ.wav" 
        },
        "sceneInstance": {
            "callInstanceId": 540, 
            "companyId": 1, 
            "callJobId": 31, 
            "customerId": 55, 
            "customerTelephone": "17751279857", 
            "customerName": "不弃", 
            "status": 2, 
            "finishStatus": 0,
            "duration": 87, 
            "chatRound": 18, 
            "startTime": "2018-01-24 20:51:53", 
            "endTime": "2018-01-24 20:53:28", 
            "callerPhone": "18072749353", 
            "luyinOssUrl": "https://byrobot-test.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/540/JYSYDCCHVFYYTMGJKKHJAMHARNNBWEJQ.wav",
            "userLuyinOssUrl": "https://byrobot-test.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/540_user.wav",
            "properties": "{}",
            "handlePerson": "房产电销优化版",
            "callType": 1,
            "readStatus": 1,
            "jobName": "buqi新的测试任务",
           "robotDefId": 6,
            "sceneDefId": 11,
            "sceneRecordId": 1,
            "trackResult": null,
            "hangUp": 0,
            "secondaryCallTime": "1970-01-01 13:00:00",
            "secondaryCallTimes": 2
        },
        "taskResult": [ 
            {
                "sceneInstanceResultId": 188,
                "companyId": 1,
                "sceneInstanceId": 540,
                "resultName": "预约时间",
                "resultValue": "2018-01-25 08:00",
                "resultDesc": null
            },
            {
                "sceneInstanceResultId": 189,
                "companyId": 1,
                "sceneInstanceId": 540,
                "resultName": "客户意向等级",
                "resultValue": "A级(较强)",
                "resultDesc": "该客户在通话过程中主动询问了产品细节，有进一步了解产品的意愿。"
            }
        ]
    },
    "resultMsg": "获取成功",
    "errorStackTrace": null
}
`

/** The task-detail example with only its trailing commas removed. */
export const TASK_DETAIL_EXAMPLE_FIXED = TASK_DETAIL_EXAMPLE.replace(/,(\s*[}\]])/g, '$1')

/** The not-dialed example with its bare values quoted, as a correct server would send them. */
export const NOT_DIALED_EXAMPLE_FIXED = NOT_DIALED_EXAMPLE.replace(
  /"(customerName|customerTelephone|startTime|callerPhone|corpName)": ([^",\n]+?),/g,
  '"$1": "$2",',
)
